import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UploadError } from '../attachments/upload';
import type { ErrorCode } from '../errors/error-codes';
import { ErrorText } from '../errors/error-text';
import { downloadFile } from '../export/download';
import type { ImportKind } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { ACCEPTED_FILES, ENCODINGS, IMPORT_KINDS, SOURCE_CRS, type Encoding, type SourceCrs } from './import-kinds';
import { uploadImport } from './upload-import';

/** 下载模板: the kind's template (Chinese headers, a sample row, 填写说明), with the bearer token. */
function TemplateLink({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<ErrorCode | undefined>();
  const path = IMPORT_KINDS[kind].path;
  return (
    <>
      <button type="button" data-testid={`template-${path}`} onClick={() => void downloadFile(`/imports/templates/${path}.xlsx`, `${path}.xlsx`).then(setRefusal)}>
        {t('import.template', { kind: t(`import.kinds.${kind}`) })}
      </button>
      <ErrorText code={refusal} />
    </>
  );
}

/** A labelled dropdown of one of the upload's settings, each value shown by its i18n key `${labels}.${value}`. */
function Choice<T extends string>({ name, label, value, values, labels, onChange }: {
  name: string; label: string; value: T; values: readonly T[]; labels: string; onChange: (value: T) => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      <span>{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {values.map((v) => <option key={v} value={v}>{t(`${labels}.${String(v)}`)}</option>)}
      </select>
    </label>
  );
}

/**
 * Step 1: the ledger's kind, its file and the coordinate system its points were taken in,
 * sent with a progress bar. A new file replaces the import shown (the user's fix of the
 * last one); `onUploaded` receives the new import's id.
 */
export function ChooseFile({ kinds, kind, onKind, onUploaded }: {
  kinds: readonly ImportKind[]; kind: ImportKind; onKind: (kind: ImportKind) => void; onUploaded: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [file, setFile] = useState<File | null>(null);
  const [crs, setCrs] = useState<SourceCrs>('WGS84');
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [progress, setProgress] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<ErrorCode | undefined>();
  const uploading = useRef<AbortController | null>(null);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    const controller = new AbortController();
    uploading.current = controller;
    setRefusal(undefined);
    setProgress(0);
    try {
      onUploaded(await uploadImport({ kind, file, crs, encoding }, setProgress, controller.signal));
    } catch (error) {
      if (error instanceof UploadError) setRefusal(error.code);
      else if (!(error instanceof DOMException && error.name === 'AbortError')) throw error;
    } finally {
      uploading.current = null;
      setProgress(null);
    }
  }

  return (
    <form className="import-step" data-testid="import-choose" onSubmit={(e) => void send(e)}>
      <h2>{t('import.steps.choose')}</h2>
      <div className="import-choices">
        <Choice name="kind" label={t('import.kind')} value={kind} values={kinds} labels="import.kinds" onChange={onKind} />
        <Choice name="crs" label={t('import.crs')} value={crs} values={SOURCE_CRS} labels="import.crsNames" onChange={setCrs} />
        <Choice name="encoding" label={t('import.encoding')} value={encoding} values={ENCODINGS} labels="import.encodings" onChange={setEncoding} />
      </div>
      <p className="hint">{t('import.crsHint')}</p>
      <div className="import-templates">
        <TemplateLink kind={kind} />
        <span className="hint">{t('import.templateHint')}</span>
      </div>
      <label className="import-file">
        <span>{t('import.file')}</span>
        <input type="file" name="file" data-testid="import-file" accept={ACCEPTED_FILES} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <p className="hint">{t('import.fileHint')}</p>
      <div className="actions">
        <button type="submit" className="primary" data-testid="import-upload" disabled={!file || progress !== null}>{t('import.upload')}</button>
        {progress !== null && (
          <>
            <progress data-testid="upload-progress" max={1} value={progress} />
            <span className="loading">{t('import.uploading', { percent: format.percent(progress) })}</span>
            <button type="button" onClick={() => uploading.current?.abort()}>{t('import.cancel')}</button>
          </>
        )}
      </div>
      <ErrorText code={refusal} context="import" />
    </form>
  );
}
