// Plain values, apart from their GraphQL registration (attachment.type.ts): the upload
// route needs them without loading the schema's decorators.

/** The attachment_kind domain (db/migrations/0018_attach.sql). */
export enum AttachmentKind {
  BEFORE = 'BEFORE',
  DURING = 'DURING',
  AFTER = 'AFTER',
  EVALUATION = 'EVALUATION',
  EVIDENCE = 'EVIDENCE',
}

/** The records that take attachments, as the upload route names them. */
export type AttachmentEntity = 'hazard' | 'inspection' | 'accident';
