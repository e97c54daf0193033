import { useToken } from './auth/token-store';
import { HomePage } from './home/home-page';
import { SignInPage } from './sign-in/sign-in-page';

export function App() {
  const token = useToken();
  // A new key per token: the signed-in user's data never shows for the next one.
  return token ? <HomePage key={token} /> : <SignInPage />;
}
