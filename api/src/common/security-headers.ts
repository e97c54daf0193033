import helmet from 'helmet';
import type { RequestHandler } from 'express';
import type { Config } from '../config';

/**
 * helmet's headers with a Content-Security-Policy the two pages need and no more. MapLibre
 * starts its workers from blob: URLs and reads tile images as blob:/data:; it and GraphiQL
 * set inline styles. Scripts come only from the api's own origin (the Vite build has no
 * inline script). An external base map (the web's VITE_BASE_STYLE_URL) needs its origins
 * in BASE_MAP_ORIGINS. No upgrade-insecure-requests: the demo is served over plain http.
 */
export function securityHeaders(config: Config): RequestHandler {
  const mapOrigins = config.baseMapOrigins;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:', ...mapOrigins],
        connectSrc: ["'self'", ...mapOrigins],
        fontSrc: ["'self'", 'data:', ...mapOrigins],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}
