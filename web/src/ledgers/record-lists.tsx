import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import type { Filters } from '../filters/filters';
import type { AccidentFilter, EnterpriseFilter, InspectionFilter } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { RISK_COLORS } from '../risk-map/map-style';
import { useUrlParam } from '../url-state';
import { LedgerFrame } from './ledger-frame';
import { toAccidentFilter, toEnterpriseFilter, toInspectionFilter } from './ledger-filters';
import { AccidentListQuery, EnterpriseListQuery, InspectionListQuery } from './ledgers.operations';
import { useCursors } from './pager';

const PAGE = 15;

interface Props<F> {
  filters: Filters;
  onOpen: (id: string) => void;
  /** Room for tools that act on the list's current filter (exports). */
  toolbar?: (filter: F) => ReactNode;
}

/** 企业台账: name or credit code searched by the API, four-colour risk, open hazards. */
export function EnterpriseLedger({ filters, onOpen, toolbar }: Props<EnterpriseFilter>) {
  const { t } = useTranslation();
  const format = useFormat();
  const cursors = useCursors();
  const [search, setSearch] = useUrlParam('eq');
  const [text, setText] = useState(search ?? '');
  const filter = toEnterpriseFilter(filters, search?.trim() || null);
  const [result] = useQuery({ query: EnterpriseListQuery, variables: { filter, first: PAGE, after: cursors.after } });
  const connection = result.data?.enterprises;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    cursors.reset();
    setSearch(text.trim() || null);
  };
  return (
    <LedgerFrame
      kind="enterprises" connection={connection} fetching={result.fetching} error={result.error} cursors={cursors} toolbar={toolbar?.(filter)}
      head={<><th>{t('ledgers.enterprises.name')}</th><th>{t('enterprise.creditCode')}</th><th>{t('export.sector')}</th><th>{t('ledgers.enterprises.risk')}</th><th>{t('detail.openHazards')}</th></>}
      rows={connection?.edges.map(({ node }) => (
        <tr key={node.id} className="clickable" data-testid="enterprise-row" onClick={() => onOpen(node.id)}>
          <td>{node.name}<span className="hint"> {node.town?.name}</span></td>
          <td>{node.creditCode}</td>
          <td>{t(`sectors.${node.sector}`)}</td>
          <td><span className="swatch" style={{ background: RISK_COLORS[node.riskLevel] }} />{t(`risk.${node.riskLevel}`)}</td>
          <td>{format.integer(node.openHazardCount)}</td>
        </tr>
      ))}
    >
      <form className="search" role="search" onSubmit={submit}>
        <input type="search" name="enterprise-search" maxLength={100} value={text} placeholder={t('ledgers.enterprises.searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
        <button type="submit">{t('list.search')}</button>
      </form>
    </LedgerFrame>
  );
}

/** 执法检查台账: when, which kind, by whom, at which enterprise, how many findings. */
export function InspectionLedger({ filters, onOpen, toolbar }: Props<InspectionFilter>) {
  const { t } = useTranslation();
  const format = useFormat();
  const cursors = useCursors();
  const filter = toInspectionFilter(filters);
  const [result] = useQuery({ query: InspectionListQuery, variables: { filter, first: PAGE, after: cursors.after } });
  const connection = result.data?.inspections;
  return (
    <LedgerFrame
      kind="inspections" connection={connection} fetching={result.fetching} error={result.error} cursors={cursors} toolbar={toolbar?.(filter)}
      head={<><th>{t('ledgers.inspections.date')}</th><th>{t('ledgers.inspections.kind')}</th><th>{t('ledgers.inspections.enterprise')}</th><th>{t('enterprise.department')}</th><th>{t('ledgers.inspections.findings')}</th></>}
      rows={connection?.edges.map(({ node }) => (
        <tr key={node.id} className="clickable" data-testid="inspection-row" onClick={() => onOpen(node.id)}>
          <td>{format.date(node.inspectedOn)}</td>
          <td>{t(`inspectionKinds.${node.kind}`)}</td>
          <td>{node.enterprise?.name ?? '—'}<span className="hint"> {node.town?.name}</span></td>
          <td>{node.department}</td>
          <td>{format.integer(node.findings.length)}</td>
        </tr>
      ))}
    />
  );
}

/** 事故台账: when, where, casualties and loss, the Decree 493 grade the API computes, late reports. */
export function AccidentLedger({ filters, onOpen, toolbar }: Props<AccidentFilter>) {
  const { t } = useTranslation();
  const format = useFormat();
  const cursors = useCursors();
  const filter = toAccidentFilter(filters);
  const [result] = useQuery({ query: AccidentListQuery, variables: { filter, first: PAGE, after: cursors.after } });
  const connection = result.data?.accidents;
  return (
    <LedgerFrame
      kind="accidents" connection={connection} fetching={result.fetching} error={result.error} cursors={cursors} toolbar={toolbar?.(filter)}
      head={<><th>{t('ledgers.accidents.occurredAt')}</th><th>{t('ledgers.accidents.grade')}</th><th>{t('ledgers.accidents.where')}</th><th>{t('ledgers.accidents.deaths')}</th><th>{t('ledgers.accidents.injuries')}</th></>}
      rows={connection?.edges.map(({ node }) => (
        <tr key={node.id} className="clickable" data-testid="accident-row" onClick={() => onOpen(node.id)}>
          <td>{format.dateTime(node.occurredAt)}{node.reportedLate && <span className="tag overdue">{t('ledgers.accidents.reportedLate')}</span>}</td>
          <td data-testid="accident-grade">{t(`accidentGrades.${node.grade}`)}</td>
          <td>{node.enterprise?.name ?? t(`sectors.${node.sector}`)}<span className="hint"> {node.town?.name}</span></td>
          <td>{format.integer(node.deaths)}</td>
          <td>{format.integer(node.seriousInjuries)}</td>
        </tr>
      ))}
    />
  );
}
