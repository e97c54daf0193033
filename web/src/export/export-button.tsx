import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../errors/error-codes';
import { ErrorText } from '../errors/error-text';
import { downloadFile } from './download';

/** The lists the api exports (GET /exports/{kind}.{csv|xlsx}). */
export type ExportKind = 'hazards' | 'enterprises' | 'inspections' | 'accidents' | 'units';

export interface ExportButtonProps {
  kind: ExportKind;
  /** The list's GraphQL filter (HazardFilter, EnterpriseFilter, …) as the list uses it. */
  filter?: object | null;
  /** Further arguments of the export (units: parentCode, level, from, to). */
  params?: Record<string, string | null | undefined>;
}

/**
 * "导出 Excel / 导出 CSV" for a list: the api streams every row the viewer may read that
 * matches the filter, records the export in the audit log, and the browser saves the file.
 */
export function ExportButton({ kind, filter, params = {} }: ExportButtonProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ErrorCode | undefined>();

  async function save(format: 'csv' | 'xlsx') {
    setBusy(true);
    setRefusal(undefined);
    const query = new URLSearchParams();
    if (filter) query.set('filter', JSON.stringify(filter));
    for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
    const search = query.toString();
    try {
      setRefusal(await downloadFile(`/exports/${kind}.${format}${search ? `?${search}` : ''}`, `${kind}.${format}`));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="export-button" data-testid={`export-${kind}`}>
      <button type="button" disabled={busy} onClick={() => void save('xlsx')}>{t('export.xlsx')}</button>
      <button type="button" disabled={busy} onClick={() => void save('csv')}>{t('export.csv')}</button>
      {busy && <span className="loading">{t('export.busy')}</span>}
      <ErrorText code={refusal} />
    </span>
  );
}
