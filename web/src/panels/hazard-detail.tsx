import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { ErrorText } from '../errors/error-text';
import { hazardTimelineItems } from '../history/hazard-history';
import { Timeline } from '../history/timeline';
import { useFormat } from '../i18n/format';
import { allowedActions, type HazardAction } from './hazard-actions';
import {
  ExtendDeadlineMutation, HazardDetailQuery, ReopenHazardMutation, SetHazardPublicationMutation, StartRectificationMutation,
  SubmitRectificationMutation, VerifyRectificationMutation,
} from './hazard.operations';

/** Asks for what an action needs (five in place, a note, a reason, a new deadline) and sends it. */
function ActionForm({ action, id, version, onDone }: { action: HazardAction; id: string; version: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<CombinedError | undefined>();
  const [, start] = useMutation(StartRectificationMutation);
  const [, submit] = useMutation(SubmitRectificationMutation);
  const [, verify] = useMutation(VerifyRectificationMutation);
  const [, extend] = useMutation(ExtendDeadlineMutation);
  const [, reopen] = useMutation(ReopenHazardMutation);
  const [, publish] = useMutation(SetHazardPublicationMutation);
  const inputs: Record<HazardAction, string[]> = {
    start: ['responsiblePerson', 'measures', 'fundsYuan', 'deadline', 'contingencyPlan'],
    submit: ['note'], verify: ['note'], reject: ['note'], extend: ['newDeadline', 'reason'], reopen: ['reason'],
    publish: ['note'], unpublish: ['note'],
  };
  const value = (name: string) => fields[name] ?? '';

  async function send(event: FormEvent) {
    event.preventDefault();
    const base = { id, version };
    const result = action === 'start'
      ? await start({ ...base, fiveInPlace: {
        responsiblePerson: value('responsiblePerson'), measures: value('measures'), fundsYuan: Number(value('fundsYuan')),
        deadline: value('deadline'), contingencyPlan: value('contingencyPlan'),
      } })
      : action === 'submit' ? await submit({ ...base, note: value('note') })
      : action === 'verify' || action === 'reject' ? await verify({ ...base, passed: action === 'verify', note: value('note') })
      : action === 'extend' ? await extend({ ...base, newDeadline: value('newDeadline'), reason: value('reason') })
      : action === 'publish' || action === 'unpublish' ? await publish({ ...base, published: action === 'publish', note: value('note') })
      : await reopen({ ...base, reason: value('reason') });
    setError(result.error);
    if (!result.error) onDone();
  }

  return (
    <form className="action-form" onSubmit={send} data-testid={`form-${action}`}>
      {inputs[action].map((name) => (
        <label key={name}>
          {t(`detail.fields.${name}`)}
          <input
            name={name} required value={value(name)} onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
            type={name === 'deadline' || name === 'newDeadline' ? 'date' : name === 'fundsYuan' ? 'number' : 'text'}
          />
        </label>
      ))}
      <ErrorText error={error} />
      <button type="submit" className="primary">{t(`actions.${action}`)}</button>
    </form>
  );
}

export function HazardDetail({ id, role }: { id: string; role: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [action, setAction] = useState<HazardAction | null>(null);
  const [result, refetch] = useQuery({ query: HazardDetailQuery, variables: { id } });
  const hazard = result.data?.hazard;
  if (result.error) return <ErrorText error={result.error} />;
  if (!hazard) return <p>{t('app.loading')}</p>;
  const fiveInPlace = [
    ['responsiblePerson', hazard.responsiblePerson], ['measures', hazard.measures],
    ['fundsYuan', hazard.fundsYuan == null ? null : format.decimal(hazard.fundsYuan)],
    ['deadline', hazard.deadline ? format.date(hazard.deadline) : null], ['contingencyPlan', hazard.contingencyPlan],
  ] as const;

  return (
    <section className="hazard-detail" data-testid="hazard-detail">
      <h2>{hazard.code} · <span data-testid="detail-status">{t(`status.${hazard.status}`)}</span></h2>
      <p>{hazard.description}</p>
      <dl className="fields">
        <dt>{t('export.level')}</dt><dd>{t(`hazardLevel.${hazard.level}`)}</dd>
        <dt>{t('export.sector')}</dt><dd>{t(`sectors.${hazard.sector}`)}</dd>
        <dt>{t('export.source')}</dt><dd>{t(`source.${hazard.source}`)}</dd>
        <dt>{t('export.town')}</dt><dd>{hazard.town?.name}</dd>
        <dt>{t('export.subject')}</dt><dd>{hazard.enterprise?.name ?? hazard.roadSegment?.roadName ?? hazard.placeName}</dd>
        <dt>{t('export.foundAt')}</dt><dd>{format.date(hazard.foundAt)}</dd>
        {hazard.overdue && <><dt>{t('export.overdueDays')}</dt><dd className="overdue">{format.integer(hazard.overdueDays)}</dd></>}
        {hazard.listedLevel && <><dt>{t('history.hazardEvents.LISTED')}</dt><dd>{t(`supervisionLevel.${hazard.listedLevel}`)}</dd></>}
        <dt>{t('history.publication')}</dt><dd data-testid="detail-published">{t(hazard.published ? 'history.published' : 'history.notPublished')}</dd>
      </dl>
      <h3>{t('detail.fiveInPlace')}</h3>
      <dl className="fields">
        {fiveInPlace.map(([name, value]) => <Fragment key={name}><dt>{t(`detail.fields.${name}`)}</dt><dd>{value ?? '—'}</dd></Fragment>)}
      </dl>
      <div className="actions">
        {allowedActions(role, hazard.status, hazard.published).map((a) => (
          <button type="button" key={a} className={a === action ? 'chip active' : 'chip'} data-testid={`action-${a}`} onClick={() => setAction(a)}>{t(`actions.${a}`)}</button>
        ))}
      </div>
      {action && (
        <ActionForm key={action} action={action} id={hazard.id} version={hazard.version}
          onDone={() => { setAction(null); refetch({ requestPolicy: 'network-only' }); }} />
      )}
      <h3>{t('detail.history')}</h3>
      <Timeline items={hazardTimelineItems(hazard.history, t, format)} testId="hazard-history" />
    </section>
  );
}
