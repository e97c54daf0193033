import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Numbers and dates in the current language's conventions (Intl), never by hand. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
    const signedPercent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    const date = new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit' });
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const month = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short' });
    const dateOf = (value: string) => new Date(value.length === 10 ? `${value}T00:00:00` : value);
    return {
      integer: (n: number) => integer.format(n),
      decimal: (n: number) => decimal.format(n),
      percent: (ratio: number) => percent.format(ratio),
      change: (ratio: number) => signedPercent.format(ratio),
      date: (value: string) => date.format(dateOf(value)),
      dateTime: (value: string) => dateTime.format(dateOf(value)),
      month: (value: string) => month.format(dateOf(value.length === 7 ? `${value}-01` : value)),
    };
  }, [language]);
}
