export { EVIDENCE_KINDS, type EvidenceKind } from '@kouan/domain/evidence';
export { findCommittedDocument } from './find-committed-document';
export { getCheckpoint, getLatestCheckpoint, getTreeSize } from './get-checkpoint';
export { type EvidenceEvent, type RecordedEntry, recordEvidence } from './record-evidence';
