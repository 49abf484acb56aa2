import type { RegisteredRoute } from './route-config';

/** `METHOD url` of every route that declares neither a permission nor `public`. */
export function undeclaredRoutes(routes: readonly RegisteredRoute[]): string[] {
  return routes.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.url}`);
}
