export { EVIDENCE_KINDS, type EvidenceKind } from './event-kinds';
export { type EvidenceEvent, type RecordedEntry, recordEvidence } from './record-evidence';
