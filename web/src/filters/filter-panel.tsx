import { useTranslation } from 'react-i18next';
import { HAZARD_LEVELS, SOURCES, STATUSES, type Filters } from './filters';

interface Props {
  filters: Filters;
  onChange: (next: Filters) => void;
  /** Units the user may pick: their scope's counties and towns. */
  jurisdictions: readonly { code: string; name: string; level: string }[];
  /** Sectors the user may pick: those of their scope (an inspector's departments). */
  sectors: readonly string[];
}

type ListKey = 'levels' | 'statuses' | 'sources';

/** A multiple choice as a select with "all" first; one value at a time keeps it compact. */
function Choice({ name, value, options, label, onChange }: {
  name: ListKey; value: string[]; options: readonly string[]; label: (option: string) => string; onChange: (values: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {t(`filters.${name}`)}
      <select name={name} data-testid={`filter-${name}`} value={value[0] ?? ''} onChange={(e) => onChange(e.target.value ? [e.target.value] : [])}>
        <option value="">{t('filters.any')}</option>
        {options.map((option) => <option key={option} value={option}>{label(option)}</option>)}
      </select>
    </label>
  );
}

/**
 * Sectors as a drop-down of checkboxes: the heatmap and the figures compare one, several or
 * all sectors (none ticked means all).
 */
function SectorChoice({ value, options, onChange }: { value: string[]; options: readonly string[]; onChange: (values: string[]) => void }) {
  const { t } = useTranslation();
  const summary = value.length === 0 ? t('filters.any')
    : value.length === 1 ? t(`sectors.${value[0]}`) : t('filters.sectorsPicked', { first: t(`sectors.${value[0]}`), count: value.length - 1 });
  const toggle = (sector: string, on: boolean) => onChange(options.filter((s) => (s === sector ? on : value.includes(s))));
  return (
    <div className="multi-choice">
      <span>{t('filters.sectors')}</span>
      <details data-testid="filter-sectors">
        <summary>{summary}</summary>
        <div className="multi-choice-options">
          {options.map((sector) => (
            <label key={sector}>
              <input type="checkbox" name="sector" value={sector} checked={value.includes(sector)} onChange={(e) => toggle(sector, e.target.checked)} />
              {t(`sectors.${sector}`)}
            </label>
          ))}
          <button type="button" onClick={() => onChange([])}>{t('filters.allSectors')}</button>
        </div>
      </details>
    </div>
  );
}

export function FilterPanel({ filters, onChange, jurisdictions, sectors }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });
  return (
    <fieldset className="filter-panel">
      <legend>{t('filters.title')}</legend>
      <label>
        {t('filters.jurisdiction')}
        <select name="jurisdiction" value={filters.jurisdictionCode ?? ''} onChange={(e) => set('jurisdictionCode', e.target.value || null)}>
          <option value="">{t('filters.allJurisdictions')}</option>
          {[...jurisdictions].sort((a, b) => a.code.localeCompare(b.code)).map((j) => (
            <option key={j.code} value={j.code}>{j.level === 'town' ? `　${j.name}` : j.name}</option>
          ))}
        </select>
      </label>
      <SectorChoice value={filters.sectors} options={sectors} onChange={(v) => set('sectors', v)} />
      <Choice name="levels" value={filters.levels} options={HAZARD_LEVELS} label={(s) => t(`hazardLevel.${s}`)} onChange={(v) => set('levels', v)} />
      <Choice name="statuses" value={filters.statuses} options={STATUSES} label={(s) => t(`status.${s}`)} onChange={(v) => set('statuses', v)} />
      <Choice name="sources" value={filters.sources} options={SOURCES} label={(s) => t(`source.${s}`)} onChange={(v) => set('sources', v)} />
      <label>
        <input type="checkbox" name="overdue" checked={filters.overdueOnly} onChange={(e) => set('overdueOnly', e.target.checked)} />
        {t('filters.overdueOnly')}
      </label>
      <label>
        <input type="checkbox" name="published" checked={filters.publishedOnly} onChange={(e) => set('publishedOnly', e.target.checked)} />
        {t('filters.publishedOnly')}
      </label>
      <label>
        {t('filters.from')}
        <input type="date" name="from" value={filters.from ?? ''} onChange={(e) => set('from', e.target.value || null)} />
      </label>
      <label>
        {t('filters.to')}
        <input type="date" name="to" value={filters.to ?? ''} onChange={(e) => set('to', e.target.value || null)} />
      </label>
      <button type="button" onClick={() => onChange({ jurisdictionCode: null, sectors: [], levels: [], statuses: [], sources: [], overdueOnly: false, publishedOnly: false, from: null, to: null })}>
        {t('filters.reset')}
      </button>
    </fieldset>
  );
}
