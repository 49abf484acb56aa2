import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import type { AttachmentRow } from './catalogue.repository';
import { procurementError } from './procurement.errors';
import { sha256Hex } from './procurement-access';

/** Most attachments per record and bytes per attachment (original documents: invoices, contracts). */
export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

export interface AttachmentInput {
  readonly fileName: string;
  readonly mediaType: string;
  readonly contentBase64: string;
}

export interface AttachmentView {
  readonly id: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sha256: string;
  readonly sizeBytes: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes and hashes attachments; refuses bad base64 and oversize files before anything is written. */
export function prepareAttachments(
  inputs: readonly AttachmentInput[],
  owner: { type: string; id: string; actor: Actor; at: Date },
  fieldPrefix = '/attachments',
): AttachmentRow[] {
  return inputs.map((input, index) => {
    const field = `${fieldPrefix}/${index}`;
    if (!BASE64.test(input.contentBase64) || input.contentBase64.length % 4 !== 0) {
      throw procurementError(
        'ATTACHMENT_INVALID',
        { field, reason: 'content is not base64', reasonZh: '内容不是 base64 编码' },
        { field },
      );
    }
    const content = Buffer.from(input.contentBase64, 'base64');
    if (content.length > MAX_ATTACHMENT_BYTES) {
      throw procurementError(
        'ATTACHMENT_INVALID',
        {
          field,
          reason: `larger than ${MAX_ATTACHMENT_BYTES} bytes`,
          reasonZh: `超过 ${MAX_ATTACHMENT_BYTES} 字节`,
        },
        { field },
      );
    }
    return {
      id: newId('att', owner.at.getTime()),
      owner_type: owner.type,
      owner_id: owner.id,
      file_name: input.fileName,
      media_type: input.mediaType,
      sha256: sha256Hex(content),
      size_bytes: content.length,
      content,
      created_at: owner.at,
      created_by: owner.actor.id,
    };
  });
}

export function attachmentView(
  row: Pick<AttachmentRow, 'id' | 'file_name' | 'media_type' | 'sha256' | 'size_bytes'>,
): AttachmentView {
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
  };
}
