import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import type { ImportRunStateFragment } from '../gql/graphql';
import { ImportFieldsQuery, RemapImportMutation } from './import.operations';

/** The API's mapping (JSON: field name → header) as text pairs; anything else in it is ignored. */
export function mappingOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Allowed values shown beside a field: enough to recognise the list, not the whole of it (the template has it all). */
const SHOWN_VALUES = 6;

/**
 * 字段对应: a dropdown of the file's headers for each field of the kind, the mapping in use
 * (suggested from the headers, or the one remembered from the user's last file) chosen.
 * Open by itself while a required field has no column; otherwise a click away. Applying it
 * runs the dry run again with it.
 */
export function ColumnMapping({ run }: { run: ImportRunStateFragment }) {
  const { t } = useTranslation();
  const [fields] = useQuery({ query: ImportFieldsQuery, variables: { kind: run.kind } });
  const [mapping, setMapping] = useState(() => mappingOf(run.mapping));
  const [remapped, remap] = useMutation(RemapImportMutation);
  const unmapped = new Set(run.unmappedRequired);

  function apply() {
    const chosen = Object.fromEntries(Object.entries(mapping).filter(([, header]) => header));
    void remap({ id: run.id, mapping: chosen });
  }

  return (
    <details className="import-step import-mapping" data-testid="import-mapping" open={unmapped.size > 0 || undefined}>
      <summary><h2>{t('import.mapping.title')}</h2></summary>
      <p className="hint">{t('import.mapping.hint')}</p>
      {fields.data && unmapped.size > 0 && (
        <p className="error" role="alert" data-testid="unmapped-required">
          {t('import.mapping.unmapped', { fields: fields.data.importFields.filter((f) => unmapped.has(f.name)).map((f) => f.label).join('、') })}
        </p>
      )}
      <ErrorText error={fields.error} />
      <table>
        <thead><tr><th>{t('import.mapping.field')}</th><th>{t('import.mapping.column')}</th><th>{t('import.mapping.howToFill')}</th></tr></thead>
        <tbody>
          {fields.data?.importFields.map((field) => (
            <tr key={field.name} className={unmapped.has(field.name) ? 'unmapped' : undefined}>
              <td>{field.label}{field.required && <span className="required" title={t('import.mapping.required')}> *</span>}</td>
              <td>
                <select
                  name={`map-${field.name}`} aria-label={field.label} value={mapping[field.name] ?? ''}
                  onChange={(e) => setMapping({ ...mapping, [field.name]: e.target.value })}
                >
                  <option value="">{t('import.mapping.none')}</option>
                  {run.columns.map((column) => <option key={column} value={column}>{column}</option>)}
                </select>
              </td>
              <td className="hint">
                {field.allowedValues.length > 0
                  ? `${field.allowedValues.slice(0, SHOWN_VALUES).join('、')}${field.allowedValues.length > SHOWN_VALUES ? '…' : ''}`
                  : field.hint}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" data-testid="apply-mapping" disabled={remapped.fetching} onClick={apply}>{t('import.mapping.apply')}</button>
      </div>
      <ErrorText error={remapped.error} />
    </details>
  );
}
