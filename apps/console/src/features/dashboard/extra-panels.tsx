/** Panels from later features (procurement, CBEC) join the dashboard here. */
export function ExtraPanels() {
  return null;
}
