import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { ErrorText } from '../errors/error-text';

/** A form's values as typed: every control holds text until it is sent. */
export type Values = Record<string, string>;

/** What is wrong with a field, as a key under `forms.problems`; absent when the field is fine. */
export type Problems = Record<string, string>;

/** Problem keys of the fields in `names` that are empty. */
export function missing(values: Values, ...names: string[]): Problems {
  return Object.fromEntries(names.filter((n) => !(values[n] ?? '').trim()).map((n) => [n, 'required']));
}

/** A non-negative number or an empty field; `whole` for counts. */
export function badNumbers(values: Values, names: string[], whole = false): Problems {
  return Object.fromEntries(names.filter((n) => {
    const text = (values[n] ?? '').trim();
    if (!text) return false;
    const number = Number(text);
    return !Number.isFinite(number) || number < 0 || (whole && !Number.isInteger(number));
  }).map((n) => [n, whole ? 'wholeNumber' : 'number']));
}

export const text = (values: Values, name: string): string | null => (values[name] ?? '').trim() || null;
export const number = (values: Values, name: string): number | null => (text(values, name) === null ? null : Number(values[name]));

/**
 * A form's state: its values, the problems found in them, whether the user tried to send
 * (problems show from then on, or once a field was touched) and the API's answer. A field
 * the API refused (`extensions.field`) is marked too.
 */
export function useForm(initial: Values, validate: (values: Values) => Problems) {
  const [values, setValues] = useState<Values>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();
  const [sending, setSending] = useState(false);
  const problems = validate(values);
  const refusedField = error?.graphQLErrors[0]?.extensions?.field;
  const problemOf = (name: string): string | undefined =>
    (tried || touched.has(name) ? problems[name] : undefined) ?? (refusedField === name ? 'refused' : undefined);
  return {
    values,
    set: (name: string, value: string) => {
      setValues((v) => ({ ...v, [name]: value }));
      setTouched((t) => new Set(t).add(name));
    },
    setMany: (next: Values) => setValues((v) => ({ ...v, ...next })),
    problemOf,
    error,
    sending,
    /**
     * Sends when nothing is wrong: `send` returns the API's error or none. Nothing is sent
     * while a problem remains, so bad input never reaches the database.
     */
    submit: (send: () => Promise<CombinedError | undefined>) => async (event: FormEvent) => {
      event.preventDefault();
      setTried(true);
      if (Object.keys(problems).length > 0) return;
      setSending(true);
      try {
        setError(await send());
      } finally {
        setSending(false);
      }
    },
  };
}
export type FormState = ReturnType<typeof useForm>;

/**
 * A labelled control with its problem under it, in words. A `group` (a search with its
 * results, a location with its buttons) is a div: a label would pass clicks on its text to
 * the first button inside.
 */
export function Field({ form, name, label, children, hint, group = false }: {
  form: FormState; name: string; label: string; children: ReactNode; hint?: string; group?: boolean;
}) {
  const { t } = useTranslation();
  const problem = form.problemOf(name);
  const Element = group ? 'div' : 'label';
  return (
    <Element className={problem ? 'form-field invalid' : 'form-field'} data-field={name}>
      <span className="form-label">{label}</span>
      {children}
      {hint && <span className="hint">{hint}</span>}
      {problem && <span className="field-problem" role="alert" data-testid={`problem-${name}`}>{t(`forms.problems.${problem}`)}</span>}
    </Element>
  );
}

type InputType = 'text' | 'number' | 'date' | 'datetime-local';

/** A text, number or date field bound to the form. */
export function Input({ form, name, label, type = 'text', hint, required = false }: {
  form: FormState; name: string; label: string; type?: InputType; hint?: string; required?: boolean;
}) {
  return (
    <Field form={form} name={name} label={label} hint={hint}>
      <input
        name={name} type={type} value={form.values[name] ?? ''} aria-required={required} step={type === 'number' ? 'any' : undefined}
        onChange={(e) => form.set(name, e.target.value)}
      />
    </Field>
  );
}

export function TextArea({ form, name, label }: { form: FormState; name: string; label: string }) {
  return (
    <Field form={form} name={name} label={label}>
      <textarea name={name} rows={3} value={form.values[name] ?? ''} onChange={(e) => form.set(name, e.target.value)} />
    </Field>
  );
}

/**
 * One value of an enumeration of the API's schema, each shown by its i18n key
 * `${labels}.${value}`, or by `names` for values that are data (towns).
 */
export function EnumSelect({ form, name, label, values, labels = '', names, optional = false }: {
  form: FormState; name: string; label: string; values: readonly string[]; labels?: string; names?: Record<string, string>; optional?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Field form={form} name={name} label={label}>
      <select name={name} value={form.values[name] ?? ''} onChange={(e) => form.set(name, e.target.value)}>
        <option value="">{t(optional ? 'forms.none' : 'forms.choose')}</option>
        {values.map((v) => <option key={v} value={v}>{names?.[v] ?? t(`${labels}.${v}`)}</option>)}
      </select>
    </Field>
  );
}

/** The API's refusal in words, and the send button. */
export function FormFooter({ form, label }: { form: FormState; label: string }) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorText error={form.error} context="form" />
      <button type="submit" className="primary" disabled={form.sending}>{form.sending ? t('forms.sending') : label}</button>
    </>
  );
}
