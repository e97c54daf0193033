import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { ErrorText } from '../errors/error-text';
import type { AccidentFormFieldsFragment, Sector } from '../gql/graphql';
import { SECTORS } from './enums';
import { badNumbers, EnumSelect, FormFooter, Input, missing, number, text, TextArea, useForm, type Values } from './form-kit';
import { AccidentFormQuery, CreateAccidentMutation, UpdateAccidentMutation } from './forms.operations';
import { EnterpriseFinder, LocationField, missingLocation, pointOf, type FoundEnterprise } from './pickers';

/** An instant as a datetime-local control shows it: the browser's local time, to the minute. */
function localInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const instant = (value: string | null): string | null => (value ? new Date(value).toISOString() : null);

function valuesOf(a: AccidentFormFieldsFragment | null | undefined): Values {
  if (!a) return {};
  return {
    occurredAt: localInput(a.occurredAt), reportedAt: localInput(a.reportedAt), description: a.description, sector: a.sector,
    lng: String(a.lng), lat: String(a.lat), deaths: String(a.deaths), seriousInjuries: String(a.seriousInjuries), directLossYuan: String(a.directLossYuan),
  };
}

/**
 * Records an accident (no `id`) or changes it: a changed count or loss is a supplementary
 * report (补报) the API keeps in the history, with the note saying why. After recording, the
 * form stays open on the new accident for such changes.
 */
export function AccidentForm({ id: initialId }: { id?: string }) {
  const [id, setId] = useState(initialId);
  const [result] = useQuery({ query: AccidentFormQuery, variables: { id: id ?? '' }, pause: !id });
  if (result.error) return <ErrorText error={result.error} />;
  if (id && !result.data) return null;
  return <AccidentFields key={id ?? 'new'} accident={result.data?.accident ?? null} onRecorded={setId} />;
}

function AccidentFields({ accident, onRecorded }: { accident: AccidentFormFieldsFragment | null; onRecorded: (id: string) => void }) {
  const { t } = useTranslation();
  const [enterprise, setEnterprise] = useState<FoundEnterprise | null>(null);
  const [saved, setSaved] = useState(false);
  const [, create] = useMutation(CreateAccidentMutation);
  const [, update] = useMutation(UpdateAccidentMutation);
  const form = useForm(valuesOf(accident), (values) => ({
    ...missing(values, 'occurredAt', 'description', 'sector'),
    ...missingLocation(values),
    ...badNumbers(values, ['deaths', 'seriousInjuries'], true),
    ...badNumbers(values, ['directLossYuan']),
    ...(values.reportedAt && values.occurredAt && values.reportedAt < values.occurredAt ? { reportedAt: 'reportedBeforeOccurred' } : {}),
  }));

  const send = async (): Promise<CombinedError | undefined> => {
    const v = form.values;
    const fields = {
      occurredAt: instant(v.occurredAt!)!, reportedAt: instant(text(v, 'reportedAt')), description: v.description!.trim(), sector: v.sector as Sector,
      location: pointOf(v)!, deaths: number(v, 'deaths'), seriousInjuries: number(v, 'seriousInjuries'), directLossYuan: number(v, 'directLossYuan'),
      note: text(v, 'note'),
    };
    if (accident) {
      const result = await update({ input: { ...fields, id: accident.id, version: accident.version } });
      setSaved(!result.error);
      return result.error;
    }
    const result = await create({ input: { ...fields, enterpriseId: enterprise?.id ?? null } });
    if (result.data) onRecorded(result.data.createAccident.id);
    return result.error;
  };

  const label = (name: string) => t(`history.fields.${name}`);
  return (
    <form className="record-form" data-testid="accident-form" onSubmit={form.submit(send)} noValidate>
      <h2>{t(accident ? 'forms.accident.editTitle' : 'forms.accident.title')}</h2>
      {accident && <p className="hint" data-testid="accident-grade">{t('forms.accident.grade')}：{t(`accidentGrades.${accident.grade}`)}</p>}
      <Input form={form} name="occurredAt" type="datetime-local" label={label('occurredAt')} />
      <Input form={form} name="reportedAt" type="datetime-local" label={label('reportedAt')} hint={t('forms.accident.reportedHint')} />
      <EnumSelect form={form} name="sector" label={t('forms.hazard.sector')} values={SECTORS} labels="sectors" />
      {!accident && <EnterpriseFinder form={form} label={t('forms.accident.enterprise')} chosen={enterprise} onChoose={setEnterprise} />}
      <TextArea form={form} name="description" label={label('description')} />
      <LocationField form={form} label={t('forms.hazard.location')} />
      <Input form={form} name="deaths" type="number" label={label('deaths')} />
      <Input form={form} name="seriousInjuries" type="number" label={label('seriousInjuries')} />
      <Input form={form} name="directLossYuan" type="number" label={label('directLossYuan')} />
      <Input form={form} name="note" label={t(accident ? 'forms.accident.supplementNote' : 'forms.changeNote')} />
      {accident && (saved || !form.values.note) && <p className="check-ok" data-testid="accident-saved">{t('forms.accident.saved')}</p>}
      <FormFooter form={form} label={t(accident ? 'forms.save' : 'forms.accident.submit')} />
    </form>
  );
}
