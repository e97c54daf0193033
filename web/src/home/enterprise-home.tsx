import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorText } from '../errors/error-text';
import { FormPanel, NewRecordMenu, type OpenForm } from '../forms/form-panel';
import { MapPickProvider, useMapPickState } from '../forms/map-pick';
import type { MeQuery } from '../gql/graphql';
import { useFormat } from '../i18n/format';
import { useOpened } from '../ledgers/opened';
import { HazardDetail } from '../panels/hazard-detail';
import { FORMS } from '../panels/hazard-forms';
import { hazardSubject } from '../panels/hazard-subject';
import { RISK_COLORS } from '../risk-map/map-style';
import { EnterpriseHomeQuery } from './home.operations';
import { TopBar } from './top-bar';

/**
 * An enterprise user's home (企业首页): their company's card (credit code, four-colour risk),
 * its unfinished hazards, and first what they must do next — the actions the API offers them;
 * and its self-inspection finds (企业自查) registered from here, at its premises by default.
 */
export function EnterpriseHome({ user, enterpriseId }: { user: MeQuery['me']; enterpriseId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [opened, setOpened] = useOpened();
  const [result] = useQuery({
    query: EnterpriseHomeQuery,
    variables: { id: enterpriseId, filter: { enterpriseId, statuses: ['REPORTED', 'RECTIFYING', 'AWAITING_VERIFICATION'] } },
  });
  const company = result.data?.enterprise;
  const hazards = result.data?.hazards.edges.map((e) => e.node) ?? [];
  const todo = hazards.filter((h) => h.viewerActions.some((action) => FORMS[action]));
  const [form, setForm] = useState<OpenForm | null>(null);
  const pick = useMapPickState();
  const openHazard = (id: string) => { setForm(null); setOpened({ kind: 'hazard', id }); };
  // An enterprise account registers hazards only (Me.mayCreate): nothing else to open.
  const targets = { openHazard, openEnterprise: () => setForm(null), openRoadSegment: () => setForm(null) };

  return (
    <MapPickProvider value={pick}>
    <div className="page">
      <TopBar user={user} onOpenHazard={openHazard} />
      <ErrorText error={result.error} />
      <div className="enterprise-home">
        <main className="company">
          <NewRecordMenu me={user} onOpen={(next) => { setOpened(null); setForm(next); }} />
          {result.fetching && !result.data && <p className="loading">{t('app.loading')}</p>}
          {result.data && !company && <p className="empty">{t('detail.notFound')}</p>}
          {company && (
            <section className="company-card" data-testid="company-card">
              <h2>{company.name}</h2>
              <p className="risk-badge" data-testid="company-risk">
                <span className="swatch" style={{ background: RISK_COLORS[company.riskLevel] }} />{t(`risk.${company.riskLevel}`)}
              </p>
              <dl className="fields">
                <dt>{t('enterprise.creditCode')}</dt><dd data-testid="company-credit-code">{company.creditCode}</dd>
                <dt>{t('export.sector')}</dt><dd>{t(`sectors.${company.sector}`)}</dd>
                <dt>{t('export.town')}</dt><dd>{company.town?.name}</dd>
                <dt>{t('enterprise.address')}</dt><dd>{company.address ?? '—'}</dd>
                <dt>{t('enterprise.status')}</dt><dd>{t(`enterprise.statuses.${company.status}`)}</dd>
                <dt>{t('enterprise.majorHazard')}</dt><dd>{company.majorHazardGrade ? t('enterprise.grade', { grade: company.majorHazardGrade }) : t('enterprise.none')}</dd>
                <dt>{t('enterprise.standardization')}</dt><dd>{t(`enterprise.standardizationGrades.${company.standardizationGrade}`)}</dd>
              </dl>
              {company.synthetic && <p className="hint">{t('detail.synthetic')}</p>}
            </section>
          )}
          <section className="company-todo" data-testid="company-todo">
            <h3>{t('home.todo')} <span className="hint">{format.integer(todo.length)}</span></h3>
            {result.data && todo.length === 0 && <p className="empty">{t('home.nothingToDo')}</p>}
            <ul>
              {todo.map((hazard) => (
                <li key={hazard.id} data-testid="todo-item">
                  {hazard.viewerActions.flatMap((action) => FORMS[action] ?? []).map((form) => (
                    <button type="button" key={form} className="chip" data-testid={`todo-${form}`} onClick={() => openHazard(hazard.id)}>{t(`actions.${form}`)}</button>
                  ))}
                  <button type="button" className="link" onClick={() => openHazard(hazard.id)}>
                    {hazard.code}
                    {hazard.overdue && <span className="overdue"> · {t('detail.overdueDays', { days: hazard.overdueDays })}</span>}
                    <span className="hint"> {hazard.description}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section className="company-hazards">
            <h3>{t('detail.openHazards')} <span className="hint" data-testid="company-hazard-total">{result.data ? format.integer(result.data.hazards.totalCount) : ''}</span></h3>
            <table>
              <thead><tr><th>{t('export.code')}</th><th>{t('export.description')}</th><th>{t('export.status')}</th><th>{t('export.deadline')}</th><th>{t('export.overdueDays')}</th></tr></thead>
              <tbody>
                {hazards.map((hazard) => (
                  <tr key={hazard.id} className={hazard.id === opened?.id ? 'clickable selected' : 'clickable'} data-testid="company-hazard" onClick={() => openHazard(hazard.id)}>
                    <td>{hazard.code}</td>
                    <td title={hazardSubject(hazard)}>{hazard.description}</td>
                    <td>{t(`status.${hazard.status}`)}</td>
                    <td>{hazard.deadline ? format.date(hazard.deadline) : '—'}</td>
                    <td className={hazard.overdue ? 'overdue' : ''}>{hazard.overdue ? format.integer(hazard.overdueDays) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </main>
        {form && (
          <aside className="details">
            <button type="button" onClick={() => setForm(null)}>{t('detail.back')}</button>
            <FormPanel key={form.kind} form={form} me={user} towns={[]} targets={targets} />
          </aside>
        )}
        {!form && opened?.kind === 'hazard' && (
          <aside className="details">
            <button type="button" onClick={() => setOpened(null)}>{t('detail.back')}</button>
            <HazardDetail key={opened.id} id={opened.id} />
          </aside>
        )}
      </div>
    </div>
    </MapPickProvider>
  );
}
