import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { setToken } from '../auth/token-store';
import { ErrorText } from '../errors/error-text';
import { LanguageSwitch } from '../language-switch';
import { LoginMutation } from './sign-in.operations';

/** The demo users that `npm start` prints; offered as one-click choices on the form. */
const DEMO_USERS = ['admin', 'leader', 'analyst', 'inspector', 'town', 'enterprise'] as const;

export function SignInPage() {
  const { t } = useTranslation();
  const [username, setUsername] = useState('leader');
  const [password, setPassword] = useState('');
  const [result, login] = useMutation(LoginMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { data } = await login({ username, password });
    if (data) setToken(data.login.token);
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-label={t('signIn.title')}>
        <header>
          <h1>{t('app.title')}</h1>
          <LanguageSwitch />
        </header>
        <h2>{t('signIn.title')}</h2>
        <label>
          {t('signIn.username')}
          <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required />
        </label>
        <div className="demo-users" aria-label={t('signIn.demoUsers')}>
          {DEMO_USERS.map((user) => (
            <button type="button" key={user} className={user === username ? 'chip active' : 'chip'} onClick={() => setUsername(user)}>
              {t(`roles.${user}`)}
            </button>
          ))}
        </div>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </label>
        <p className="hint">{t('signIn.passwordHint')}</p>
        <ErrorText error={result.error} context="signIn" />
        <button type="submit" className="primary" disabled={result.fetching}>{t('signIn.submit')}</button>
      </form>
    </main>
  );
}
