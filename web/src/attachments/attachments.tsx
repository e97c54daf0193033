import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import type { ErrorCode } from '../errors/error-codes';
import type { AttachmentKind, HazardAttachmentsQuery as Result } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { HazardAttachmentsQuery } from './attachments.operations';
import { attachmentObjectUrl, uploadAttachment, UploadError } from './upload';

type Item = NonNullable<Result['hazard']>['attachments'][number];

/** The stages of a hazard's rectification a photo shows, in the order they happen. */
const HAZARD_KINDS: readonly AttachmentKind[] = ['BEFORE', 'DURING', 'AFTER', 'EVALUATION'];

/** An attachment's bytes fetched with the token, as an object URL while shown. */
function useObjectUrl(url: string | null): string | undefined {
  const [objectUrl, setObjectUrl] = useState<string>();
  useEffect(() => {
    if (!url) return undefined;
    let made: string | undefined;
    let live = true;
    attachmentObjectUrl(url).then((u) => {
      made = u;
      if (live) setObjectUrl(u);
      else URL.revokeObjectURL(u);
    }, () => undefined);
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [url]);
  return objectUrl;
}

function Thumbnail({ item, onOpen }: { item: Item; onOpen: () => void }) {
  const { t } = useTranslation();
  const src = useObjectUrl(item.thumbnailUrl ?? null);
  if (!item.thumbnailUrl) {
    return <button type="button" className="attachment-document" onClick={onOpen}>{item.fileName}</button>;
  }
  return (
    <button type="button" className="attachment-thumb" onClick={onOpen} title={t('attachments.enlarge')}>
      {src && <img src={src} alt={`${t(`attachments.kinds.${item.kind}`)} ${item.fileName}`} data-testid={`attachment-${item.kind}`} />}
    </button>
  );
}

/** A photo at full size over the page; a document is downloaded instead. */
function Enlarged({ item, onClose }: { item: Item; onClose: () => void }) {
  const { t } = useTranslation();
  const src = useObjectUrl(item.url);
  useEffect(() => {
    if (!src || item.thumbnailUrl) return;
    const link = document.createElement('a');
    link.href = src;
    link.download = item.fileName;
    link.click();
    onClose();
  }, [src, item, onClose]);
  if (!item.thumbnailUrl) return null;
  return (
    <div className="attachment-lightbox" role="dialog" aria-label={item.fileName} onClick={onClose} data-testid="attachment-enlarged">
      {src && <img src={src} alt={item.fileName} />}
      <button type="button" onClick={onClose}>{t('attachments.close')}</button>
    </div>
  );
}

/** Adds photos (the phone's camera or a file) or a document of one kind to the hazard. */
function UploadControl({ hazardId, onDone }: { hazardId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<AttachmentKind>('BEFORE');
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<ErrorCode | null>(null);

  async function send(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0) return;
    setBusy(true);
    setCode(null);
    try {
      for (const file of files) await uploadAttachment({ entity: 'hazard', recordId: hazardId, kind, file });
    } catch (error) {
      setCode(error instanceof UploadError ? error.code : 'INTERNAL_SERVER_ERROR');
    }
    setBusy(false);
    onDone();
  }

  return (
    <div className="attachment-upload" data-testid="attachment-upload">
      <select value={kind} onChange={(e) => setKind(e.target.value as AttachmentKind)} aria-label={t('attachments.kind')} data-testid="attachment-kind">
        {HAZARD_KINDS.map((k) => <option key={k} value={k}>{t(`attachments.kinds.${k}`)}</option>)}
      </select>
      <label className="button">
        {t('attachments.camera')}
        <input type="file" accept="image/*" capture="environment" hidden onChange={send} disabled={busy} />
      </label>
      <label className="button">
        {t('attachments.file')}
        <input type="file" accept="image/*,application/pdf" multiple hidden onChange={send} disabled={busy} data-testid="attachment-file" />
      </label>
      {busy && <span>{t('attachments.uploading')}</span>}
      <ErrorText code={code} context="upload" />
    </div>
  );
}

/**
 * A hazard's photos and documents by stage (整改前、整改中、整改后、治理评估): thumbnails that
 * open at full size, and, when the database says the viewer may attach (viewerMayAttach), an
 * upload from the phone's camera or a file. A verifier sees the after photos here before passing.
 */
export function Attachments({ hazardId }: { hazardId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState<Item | null>(null);
  const [result, refetch] = useQuery({ query: HazardAttachmentsQuery, variables: { id: hazardId } });
  const hazard = result.data?.hazard;
  if (result.error) return <ErrorText error={result.error} />;
  if (!hazard) return null;
  return (
    <section className="attachments" data-testid="attachments">
      <h3>{t('attachments.title')}</h3>
      {hazard.attachments.length === 0 && <p className="muted">{t('attachments.none')}</p>}
      {HAZARD_KINDS.map((kind) => {
        const items = hazard.attachments.filter((a) => a.kind === kind);
        return items.length === 0 ? null : (
          <div key={kind} className="attachment-group">
            <h4>{t(`attachments.kinds.${kind}`)}</h4>
            <div className="attachment-row">
              {items.map((item) => (
                <figure key={item.id}>
                  <Thumbnail item={item} onOpen={() => setOpen(item)} />
                  <figcaption>{format.date(item.createdAt)}</figcaption>
                </figure>
              ))}
            </div>
          </div>
        );
      })}
      {hazard.viewerMayAttach && <UploadControl hazardId={hazardId} onDone={() => refetch({ requestPolicy: 'network-only' })} />}
      {open && <Enlarged item={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
