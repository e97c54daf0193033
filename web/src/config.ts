/** What the web app reads from its build environment, read once here. */
export interface WebConfig {
  /**
   * An external base map (a MapLibre style URL, e.g. a Tianditu or self-hosted style).
   * Unset: the map draws only jurisdiction boundaries, so it works with no internet.
   */
  baseStyleUrl: string | undefined;
  graphqlUrl: string;
}

function readConfig(): WebConfig {
  const baseStyleUrl = import.meta.env.VITE_BASE_STYLE_URL as string | undefined;
  if (baseStyleUrl && !/^https?:\/\//.test(baseStyleUrl)) {
    throw new Error(`configuration: VITE_BASE_STYLE_URL must be an http(s) URL, got "${baseStyleUrl}"`);
  }
  return { baseStyleUrl: baseStyleUrl || undefined, graphqlUrl: '/graphql' };
}

export const config: WebConfig = readConfig();
