import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { ErrorText } from '../errors/error-text';
import type { EnterpriseFormFieldsFragment, EnterpriseStatus, RiskLevel, Sector, StandardizationGrade } from '../gql/graphql';
import { ENTERPRISE_STATUSES, RISK_LEVELS, SECTORS, STANDARDIZATION_GRADES } from './enums';
import { badNumbers, EnumSelect, Field, FormFooter, Input, missing, number, text, useForm, type Values } from './form-kit';
import { CreateEnterpriseMutation, CreditCodeCheckQuery, EnterpriseFormQuery, UpdateEnterpriseMutation } from './forms.operations';
import { LocationField, missingLocation, pointOf } from './pickers';

const GRADES = ['1', '2', '3', '4'];

/** The typed value after the user paused: the credit code is checked once, not per key. */
function useSettled(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function valuesOf(e: EnterpriseFormFieldsFragment | null | undefined): Values {
  if (!e) return { status: 'OPERATING', standardizationGrade: 'NONE' };
  const s = (v: string | number | null | undefined) => (v == null ? '' : String(v));
  return {
    name: e.name, creditCode: e.creditCode, sector: e.sector, address: s(e.address), lng: s(e.lng), lat: s(e.lat), department: s(e.department),
    riskLevel: e.riskLevel, majorHazardGrade: s(e.majorHazardGrade), standardizationGrade: e.standardizationGrade, status: e.status,
    employeeCount: s(e.employeeCount), contactName: s(e.contactName), contactPhone: s(e.contactPhone),
  };
}

/** Registers an enterprise (no `id`) or changes one at the version read. */
export function EnterpriseForm({ id, onSaved }: { id?: string; onSaved: (id: string) => void }) {
  const [result] = useQuery({ query: EnterpriseFormQuery, variables: { id: id ?? '' }, pause: !id });
  if (result.error) return <ErrorText error={result.error} />;
  if (id && !result.data) return null;
  return <EnterpriseFields enterprise={result.data?.enterprise ?? null} onSaved={onSaved} />;
}

function EnterpriseFields({ enterprise, onSaved }: { enterprise: EnterpriseFormFieldsFragment | null; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const [, create] = useMutation(CreateEnterpriseMutation);
  const [, update] = useMutation(UpdateEnterpriseMutation);
  const [code, setCode] = useState(enterprise?.creditCode ?? '');
  const settled = useSettled(code.trim());
  // The GB 32100 rule lives in the API (and the database); the form asks it as the code is typed.
  const [check] = useQuery({ query: CreditCodeCheckQuery, variables: { code: settled }, pause: settled === '' });
  const verdict = check.data?.creditCodeCheck.code === settled.toUpperCase() ? check.data.creditCodeCheck : null;

  const form = useForm(valuesOf(enterprise), (values) => ({
    ...missing(values, 'name', 'creditCode', 'sector', 'riskLevel'),
    ...missingLocation(values),
    ...badNumbers(values, ['employeeCount'], true),
    ...(verdict && !verdict.valid && values.creditCode?.trim() === settled ? { creditCode: 'creditCode' } : {}),
  }));

  const send = async (): Promise<CombinedError | undefined> => {
    const v = form.values;
    const fields = {
      name: v.name!.trim(), creditCode: v.creditCode!.trim(), sector: v.sector as Sector, riskLevel: v.riskLevel as RiskLevel,
      address: text(v, 'address'), location: pointOf(v)!, department: text(v, 'department'),
      majorHazardGrade: number(v, 'majorHazardGrade'), standardizationGrade: (text(v, 'standardizationGrade') ?? 'NONE') as StandardizationGrade,
      status: (text(v, 'status') ?? 'OPERATING') as EnterpriseStatus, employeeCount: number(v, 'employeeCount'),
      contactName: text(v, 'contactName'), contactPhone: text(v, 'contactPhone'),
    };
    if (enterprise) {
      const result = await update({ input: { ...fields, id: enterprise.id, version: enterprise.version, note: text(v, 'note') } });
      if (result.data) onSaved(result.data.updateEnterprise.id);
      return result.error;
    }
    const result = await create({ input: fields });
    if (result.data) onSaved(result.data.createEnterprise.id);
    return result.error;
  };

  const label = (name: string) => t(`history.fields.${name}`);
  return (
    <form className="record-form" data-testid="enterprise-form" onSubmit={form.submit(send)} noValidate>
      <h2>{t(enterprise ? 'forms.enterprise.editTitle' : 'forms.enterprise.title')}</h2>
      <Input form={form} name="name" label={label('name')} />
      <Field form={form} name="creditCode" label={label('creditCode')}>
        <input name="creditCode" value={form.values.creditCode ?? ''} maxLength={18} autoComplete="off"
          onChange={(e) => { form.set('creditCode', e.target.value); setCode(e.target.value); }} />
        {verdict && (
          <span className={verdict.valid ? 'check-ok' : 'field-problem'} data-testid="credit-code-check" data-valid={verdict.valid}>
            {verdict.valid ? t('forms.enterprise.creditCodeValid')
              : verdict.problem === 'CHECK_CHARACTER'
                ? t('forms.enterprise.creditCodeCheckCharacter', { expected: verdict.expectedCheckCharacter })
                : t('forms.enterprise.creditCodeShape')}
          </span>
        )}
      </Field>
      <EnumSelect form={form} name="sector" label={label('sector')} values={SECTORS} labels="sectors" />
      <EnumSelect form={form} name="riskLevel" label={label('riskLevel')} values={RISK_LEVELS} labels="risk" />
      <Input form={form} name="address" label={label('address')} />
      <LocationField form={form} label={t('forms.hazard.location')} />
      <Input form={form} name="department" label={label('department')} />
      <EnumSelect form={form} name="majorHazardGrade" label={label('majorHazardGrade')} values={GRADES} optional
        names={Object.fromEntries(GRADES.map((g) => [g, t('enterprise.grade', { grade: g })]))} />
      <EnumSelect form={form} name="standardizationGrade" label={label('standardizationGrade')} values={STANDARDIZATION_GRADES} labels="enterprise.standardizationGrades" />
      <EnumSelect form={form} name="status" label={label('status')} values={ENTERPRISE_STATUSES} labels="enterprise.statuses" />
      <Input form={form} name="employeeCount" type="number" label={label('employeeCount')} />
      <Input form={form} name="contactName" label={t('forms.enterprise.contactName')} />
      <Input form={form} name="contactPhone" label={t('forms.enterprise.contactPhone')} />
      {enterprise && <Input form={form} name="note" label={t('forms.changeNote')} />}
      <FormFooter form={form} label={t(enterprise ? 'forms.save' : 'forms.enterprise.submit')} />
    </form>
  );
}
