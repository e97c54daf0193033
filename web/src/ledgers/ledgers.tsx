import { useTranslation } from 'react-i18next';
import { ExportButton } from '../export/export-button';
import { formatFilters, type Filters } from '../filters/filters';
import { HazardList } from '../panels/hazard-list';
import type { Selection } from '../risk-map/risk-map';
import { useUrlParam } from '../url-state';
import { AccidentLedger, EnterpriseLedger, InspectionLedger } from './record-lists';

const LEDGERS = ['hazards', 'enterprises', 'inspections', 'accidents'] as const;
type Ledger = (typeof LEDGERS)[number];

/**
 * The ledgers (台账) beside the map, one tab each, all narrowed by the page's filters; the
 * tab is kept in the URL. A row opens its record's detail.
 */
export function Ledgers({ filters, onOpen }: { filters: Filters; onOpen: (selection: Selection) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useUrlParam('ledger');
  const ledger: Ledger = LEDGERS.find((l) => l === value) ?? 'hazards';
  // A new list per filter: its page cursors belong to one filter.
  const key = formatFilters(filters);
  return (
    <div className="ledgers">
      <div className="tabs" role="tablist">
        {LEDGERS.map((l) => (
          <button
            type="button" role="tab" key={l} aria-selected={l === ledger} data-testid={`ledger-tab-${l}`}
            className={l === ledger ? 'tab active' : 'tab'} onClick={() => setValue(l === 'hazards' ? null : l)}
          >{t(`ledgers.tabs.${l}`)}</button>
        ))}
      </div>
      {ledger === 'hazards' && <HazardList key={key} filters={filters} onOpen={(id) => onOpen({ kind: 'hazard', id })} />}
      {ledger === 'enterprises' && <EnterpriseLedger key={key} filters={filters} toolbar={(filter) => <ExportButton kind="enterprises" filter={filter} />} onOpen={(id) => onOpen({ kind: 'enterprise', id })} />}
      {ledger === 'inspections' && <InspectionLedger key={key} filters={filters} toolbar={(filter) => <ExportButton kind="inspections" filter={filter} />} onOpen={(id) => onOpen({ kind: 'inspection', id })} />}
      {ledger === 'accidents' && <AccidentLedger key={key} filters={filters} toolbar={(filter) => <ExportButton kind="accidents" filter={filter} />} onOpen={(id) => onOpen({ kind: 'accident', id })} />}
    </div>
  );
}
