import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, type CombinedError } from 'urql';
import { uploadPublicPhotos, UploadError } from '../attachments/upload';
import { ErrorText } from '../errors/error-text';
import type { ErrorCode } from '../errors/error-codes';
import { SECTORS } from '../filters/filters';
import type { Sector } from '../gql/graphql';
import { LanguageSwitch } from '../language-switch';
import { PlacePicker, type LngLat } from './place-picker';
import { ReportHazardPublicMutation } from './public-report.operations';

/** Photos a citizen may add to one report (the database's limit, app.add_public_report_photo). */
const MAX_PHOTOS = 3;

/** What the reporter gets: the receipt, a link to its status, and whether the photos went too. */
function Receipt({ receipt, photoError }: { receipt: string; photoError: ErrorCode | null }) {
  const { t } = useTranslation();
  return (
    <section className="report-receipt" data-testid="report-receipt">
      <h2>{t('report.thanks')}</h2>
      <p>{t('report.receiptIs')}</p>
      <p className="receipt" data-testid="receipt">{receipt}</p>
      <ErrorText code={photoError} context="upload" />
      <a href={`/report/${encodeURIComponent(receipt)}`} data-testid="status-link">{t('report.seeStatus')}</a>
    </section>
  );
}

/**
 * 群众举报: anyone, without signing in, on a phone. The place is tapped on the map or taken
 * from the phone's position; the report is sent first (reportHazardPublic answers a receipt),
 * then its photos by that receipt.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const [place, setPlace] = useState<LngLat | null>(null);
  const [sector, setSector] = useState<Sector>('FIRE_SAFETY');
  const [description, setDescription] = useState('');
  const [placeName, setPlaceName] = useState('');
  const [contact, setContact] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<CombinedError | undefined>();
  const [done, setDone] = useState<{ receipt: string; photoError: ErrorCode | null } | null>(null);
  const [sending, setSending] = useState(false);
  const [, report] = useMutation(ReportHazardPublicMutation);

  function locate() {
    setProblem(null);
    if (!navigator.geolocation) {
      setProblem('report.noPosition');
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => { setLocating(false); setPlace({ lng: coords.longitude, lat: coords.latitude }); },
      () => { setLocating(false); setProblem('report.noPosition'); },
      { enableHighAccuracy: true, timeout: 15000 },
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!place) {
      setProblem('report.pickPlace');
      return;
    }
    setProblem(null);
    setSending(true);
    const result = await report({ input: {
      description, sector, location: place, placeName: placeName || null, contact: contact || null,
    } });
    setError(result.error);
    const receipt = result.data?.reportHazardPublic.receipt;
    if (receipt) {
      let photoError: ErrorCode | null = null;
      if (photos.length > 0) {
        await uploadPublicPhotos(receipt, photos).catch((e: unknown) => {
          photoError = e instanceof UploadError ? e.code : 'INTERNAL_SERVER_ERROR';
        });
      }
      setDone({ receipt, photoError });
    }
    setSending(false);
  }

  return (
    <main className="public-report">
      <header>
        <h1>{t('report.title')}</h1>
        <LanguageSwitch />
      </header>
      {done ? <Receipt {...done} /> : (
        <form onSubmit={submit} aria-label={t('report.title')}>
          <p className="muted">{t('report.intro')}</p>
          <fieldset>
            <legend>{t('report.place')}</legend>
            <PlacePicker value={place} onPick={setPlace} />
            <button type="button" onClick={locate} disabled={locating} data-testid="use-position">
              {locating ? t('report.locating') : t('report.usePosition')}
            </button>
            <p className="muted" data-testid="picked-place">
              {place ? `${place.lng.toFixed(5)}, ${place.lat.toFixed(5)}` : t('report.tapMap')}
            </p>
          </fieldset>
          <label>
            {t('report.sector')}
            <select value={sector} onChange={(e) => setSector(e.target.value as Sector)} name="sector">
              {SECTORS.map((s) => <option key={s} value={s}>{t(`sectors.${s}`)}</option>)}
            </select>
          </label>
          <label>
            {t('report.description')}
            <textarea name="description" required maxLength={4000} rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <label>
            {t('report.placeName')}
            <input name="placeName" maxLength={200} value={placeName} onChange={(e) => setPlaceName(e.target.value)} />
          </label>
          <label>
            {t('report.photos', { max: MAX_PHOTOS })}
            <input
              type="file" name="photos" accept="image/*" capture="environment" multiple data-testid="report-photos"
              onChange={(e) => {
                const chosen = [...(e.target.files ?? [])];
                setProblem(chosen.length > MAX_PHOTOS ? 'report.tooManyPhotos' : null);
                setPhotos(chosen.slice(0, MAX_PHOTOS));
              }}
            />
          </label>
          <label>
            {t('report.contact')}
            <input name="contact" maxLength={100} value={contact} onChange={(e) => setContact(e.target.value)} />
          </label>
          <p className="muted">{t('report.contactNote')}</p>
          {problem && <p className="error" role="alert">{t(problem, { max: MAX_PHOTOS })}</p>}
          <ErrorText error={error} />
          <button type="submit" className="primary" disabled={sending} data-testid="report-submit">
            {sending ? t('report.sending') : t('report.submit')}
          </button>
        </form>
      )}
    </main>
  );
}
