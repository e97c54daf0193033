import { useToken } from './auth/token-store';
import { RiskMapPage } from './risk-map/risk-map-page';
import { SignInPage } from './sign-in/sign-in-page';

export function App() {
  const token = useToken();
  // A new key per token: the signed-in user's data never shows for the next one.
  return token ? <RiskMapPage key={token} /> : <SignInPage />;
}
