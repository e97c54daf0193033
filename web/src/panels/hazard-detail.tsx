import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { Attachments } from '../attachments/attachments';
import { ErrorText } from '../errors/error-text';
import { hazardTimelineItems } from '../history/hazard-history';
import { Timeline } from '../history/timeline';
import { useFormat } from '../i18n/format';
import type { HazardDetailQuery as HazardDetailResult } from '../gql/graphql';
import { ListingForm } from '../forms/listing-form';
import { FORMS, type Form, type NoteForm } from './hazard-forms';
import {
  ExtendDeadlineMutation, HazardDetailQuery, ReopenHazardMutation, SetHazardPublicationMutation, StartRectificationMutation,
  SubmitRectificationMutation, VerifyRectificationMutation,
} from './hazard.operations';

type DetailHazard = NonNullable<HazardDetailResult['hazard']>;

/**
 * The fields a form asks for. The start keeps the registered deadline unless changed, and a
 * change asks why (an extension); passing a major hazard asks for its evaluation (治理评估).
 */
function inputsOf(form: NoteForm, hazard: DetailHazard, fields: Record<string, string>): { name: string; required: boolean }[] {
  const required = (...names: string[]) => names.map((name) => ({ name, required: true }));
  switch (form) {
    case 'start': {
      const changed = hazard.deadline != null && (fields.deadline ?? hazard.deadline) !== hazard.deadline;
      return [...required('responsiblePerson', 'measures', 'fundsYuan', 'deadline', 'contingencyPlan'),
        ...(changed ? required('deadlineChangeReason') : [])];
    }
    case 'verify': return required('note', ...(hazard.level === 'MAJOR' ? ['evaluation'] : []));
    case 'submit': case 'reject': case 'publish': case 'unpublish': return required('note');
    case 'extend': return required('newDeadline', 'reason');
    case 'reopen': return required('reason');
  }
}

/** Asks for what an action needs (five in place, a note, a reason, an evaluation, a new deadline) and sends it. */
function ActionForm({ form, hazard, onDone }: { form: NoteForm; hazard: DetailHazard; onDone: () => void }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Record<string, string>>(hazard.deadline ? { deadline: hazard.deadline } : {});
  const [error, setError] = useState<CombinedError | undefined>();
  const [, start] = useMutation(StartRectificationMutation);
  const [, submit] = useMutation(SubmitRectificationMutation);
  const [, verify] = useMutation(VerifyRectificationMutation);
  const [, extend] = useMutation(ExtendDeadlineMutation);
  const [, reopen] = useMutation(ReopenHazardMutation);
  const [, publish] = useMutation(SetHazardPublicationMutation);
  const inputs = inputsOf(form, hazard, fields);
  const value = (name: string) => fields[name] ?? '';
  const optional = (name: string) => (inputs.some((i) => i.name === name) ? value(name) : null);

  async function send(event: FormEvent) {
    event.preventDefault();
    const base = { id: hazard.id, version: hazard.version };
    const result = form === 'start'
      ? await start({ ...base, deadlineChangeReason: optional('deadlineChangeReason'), fiveInPlace: {
        responsiblePerson: value('responsiblePerson'), measures: value('measures'), fundsYuan: Number(value('fundsYuan')),
        deadline: value('deadline'), contingencyPlan: value('contingencyPlan'),
      } })
      : form === 'submit' ? await submit({ ...base, note: value('note') })
      : form === 'verify' || form === 'reject'
        ? await verify({ ...base, passed: form === 'verify', note: value('note'), evaluation: optional('evaluation') })
      : form === 'extend' ? await extend({ ...base, newDeadline: value('newDeadline'), reason: value('reason') })
      : form === 'publish' || form === 'unpublish' ? await publish({ ...base, published: form === 'publish', note: value('note') })
      : await reopen({ ...base, reason: value('reason') });
    setError(result.error);
    if (!result.error) onDone();
  }

  return (
    <form className="action-form" onSubmit={send} data-testid={`form-${form}`}>
      {inputs.map(({ name, required }) => (
        <label key={name}>
          {t(`detail.fields.${name}`)}
          <input
            name={name} required={required} value={value(name)} onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
            type={name === 'deadline' || name === 'newDeadline' ? 'date' : name === 'fundsYuan' ? 'number' : 'text'}
          />
        </label>
      ))}
      <ErrorText error={error} />
      <button type="submit" className="primary">{t(`actions.${form}`)}</button>
    </form>
  );
}

export function HazardDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [action, setAction] = useState<Form | null>(null);
  const [result, refetch] = useQuery({ query: HazardDetailQuery, variables: { id } });
  const hazard = result.data?.hazard;
  const done = () => { setAction(null); refetch({ requestPolicy: 'network-only' }); };
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
        {(hazard.everOverdue || hazard.rectifiedLate) && (
          <><dt>{t('detail.lateness')}</dt><dd className="overdue" data-testid="detail-lateness">
            {[hazard.everOverdue && t('detail.everOverdue'), hazard.rectifiedLate && t('detail.rectifiedLate')].filter(Boolean).join(' · ')}
          </dd></>
        )}
        {hazard.listedLevel && <><dt>{t('history.hazardEvents.LISTED')}</dt><dd>{t(`supervisionLevel.${hazard.listedLevel}`)}</dd></>}
        <dt>{t('history.publication')}</dt><dd data-testid="detail-published">{t(hazard.published ? 'history.published' : 'history.notPublished')}</dd>
      </dl>
      <h3>{t('detail.fiveInPlace')}</h3>
      <dl className="fields">
        {fiveInPlace.map(([name, value]) => <Fragment key={name}><dt>{t(`detail.fields.${name}`)}</dt><dd>{value ?? '—'}</dd></Fragment>)}
      </dl>
      <Attachments hazardId={hazard.id} />
      <div className="actions">
        {hazard.viewerActions.flatMap((allowed) => FORMS[allowed] ?? []).map((a) => (
          <button type="button" key={a} className={a === action ? 'chip active' : 'chip'} data-testid={`action-${a}`} onClick={() => setAction(a)}>{t(`actions.${a}`)}</button>
        ))}
      </div>
      {action === 'list' && <ListingForm hazardId={hazard.id} onDone={done} />}
      {action && action !== 'list' && <ActionForm key={action} form={action} hazard={hazard} onDone={done} />}
      <h3>{t('detail.history')}</h3>
      <Timeline items={hazardTimelineItems(hazard.history, t, format)} testId="hazard-history" />
    </section>
  );
}
