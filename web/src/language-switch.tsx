import { useTranslation } from 'react-i18next';
import { LANGUAGES } from './i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <select className="language" aria-label={t('app.language')} value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
      {LANGUAGES.map((language) => <option key={language} value={language}>{t(`languages.${language}`)}</option>)}
    </select>
  );
}
