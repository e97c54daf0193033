import { useToken } from './auth/token-store';
import { RiskMapPage } from './risk-map/risk-map-page';
import { ScreenPage } from './screen/screen-page';
import { SignInPage } from './sign-in/sign-in-page';

export function App() {
  const token = useToken();
  if (!token) return <SignInPage />;
  // A new key per token: the signed-in user's data never shows for the next one. The big
  // screen (大屏) is the same app at /screen; after signing in there the viewer stays on it.
  return window.location.pathname === '/screen' ? <ScreenPage key={token} /> : <RiskMapPage key={token} />;
}
