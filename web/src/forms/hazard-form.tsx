import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CombinedError, useMutation, useQuery } from 'urql';
import { uploadAttachment, UploadError } from '../attachments/upload';
import { useToday } from '../clock/use-today';
import { SOURCES } from '../filters/filters';
import type { HazardLevel, HazardSource, ReportHazardMutation as Reported, Sector } from '../gql/graphql';
import { StartRectificationMutation } from '../panels/hazard.operations';
import { HAZARD_LEVELS, SECTORS } from './enums';
import { badNumbers, EnumSelect, FormFooter, Input, missing, number, text, TextArea, useForm, type Problems, type Values } from './form-kit';
import { EnterpriseFormQuery, ReportHazardMutation } from './forms.operations';
import {
  EnterpriseFinder, LocationField, missingLocation, pointOf, RoadSegmentFinder, useShowPoint, type FoundEnterprise, type FoundRoadSegment,
} from './pickers';

type Subject = 'enterprise' | 'roadSegment' | 'place';
const SUBJECTS: readonly Subject[] = ['enterprise', 'roadSegment', 'place'];

/** 五到位: optional at registration; given, they start the rectification right after it. */
const FIVE_IN_PLACE = ['responsiblePerson', 'measures', 'fundsYuan', 'deadline', 'contingencyPlan'] as const;

export type RegisteredHazard = Reported['reportHazard'];

/**
 * What runs after the hazard is registered, in order, with its id and version (the start of
 * the rectification with the five in place, the photos before rectification). A step's error
 * is shown, and the hazard stays registered: it is in the ledger already.
 */
export type AfterRegistration = (hazard: RegisteredHazard, values: Values) => Promise<CombinedError | undefined>;

/**
 * 登记隐患: staff register a hazard of an enterprise, a road segment or a bare place; an
 * enterprise's account (`ownEnterpriseId`) registers its own self-inspection finds (企业自查)
 * only, at its own premises unless picked otherwise.
 */
export function HazardForm({ ownEnterpriseId, onRegistered }: { ownEnterpriseId: string | null; onRegistered: (id: string) => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const selfInspection = ownEnterpriseId !== null;
  const [subject, setSubject] = useState<Subject>(selfInspection ? 'enterprise' : 'place');
  const [found, setEnterprise] = useState<FoundEnterprise | null>(null);
  const [own] = useQuery({ query: EnterpriseFormQuery, variables: { id: ownEnterpriseId ?? '' }, pause: !selfInspection });
  const enterprise = selfInspection ? own.data?.enterprise ?? null : found;
  const [roadSegment, setRoadSegment] = useState<FoundRoadSegment | null>(null);
  const [registered, setRegistered] = useState<RegisteredHazard | null>(null);
  const [, report] = useMutation(ReportHazardMutation);
  const [, start] = useMutation(StartRectificationMutation);

  const validate = (values: Values): Problems => {
    const fiveGiven = FIVE_IN_PLACE.filter((n) => (values[n] ?? '').trim());
    return {
      ...missing(values, 'sector', 'level', 'description', ...(selfInspection ? [] : ['source'])),
      ...(subject === 'place' ? missing(values, 'placeName') : {}),
      ...(subject === 'enterprise' && !enterprise ? { enterpriseId: 'chooseEnterprise' } : {}),
      ...(subject === 'roadSegment' && !roadSegment ? { roadSegmentId: 'chooseRoadSegment' } : {}),
      // An enterprise's own location stands in when none is picked.
      ...(subject === 'enterprise' ? {} : missingLocation(values)),
      // All five or none: a rectification starts only with every one in place.
      ...(fiveGiven.length > 0 ? missing(values, ...FIVE_IN_PLACE) : {}),
      ...badNumbers(values, ['fundsYuan']),
      ...(values.deadline && today && values.deadline < today ? { deadline: 'notPast' } : {}),
    };
  };
  const form = useForm({ source: selfInspection ? 'SELF_INSPECTION' : '' }, validate);
  const enterprisePoint = enterprise ? [enterprise.lng, enterprise.lat] as [number, number] : null;
  useShowPoint(subject === 'enterprise' && !pointOf(form.values) ? enterprisePoint : null);

  // The start needs the version the registration returned; it is the one mutation of this
  // form that may be refused after the hazard exists (who may start is the database's call).
  const startRectification: AfterRegistration = async (hazard, values) => {
    if (!text(values, 'responsiblePerson')) return undefined;
    const result = await start({
      id: hazard.id, version: hazard.version, deadlineChangeReason: null,
      fiveInPlace: {
        responsiblePerson: text(values, 'responsiblePerson'), measures: text(values, 'measures'), fundsYuan: number(values, 'fundsYuan'),
        deadline: text(values, 'deadline'), contingencyPlan: text(values, 'contingencyPlan'),
      },
    });
    return result.error;
  };
  // 整改前照片: uploaded once the hazard exists, each removed from the pending ones when kept,
  // so sending again after a refused photo uploads only what is left.
  const photos = useRef<File[]>([]);
  const uploadPhotos: AfterRegistration = async (hazard) => {
    while (photos.current.length > 0) {
      try {
        await uploadAttachment({ entity: 'hazard', recordId: hazard.id, kind: 'BEFORE', file: photos.current[0]! });
      } catch (error) {
        if (!(error instanceof UploadError)) throw error;
        return new CombinedError({ graphQLErrors: [{ message: error.code, extensions: { code: error.code, field: 'photos' } }] });
      }
      photos.current = photos.current.slice(1);
    }
    return undefined;
  };
  const afterRegistration: AfterRegistration[] = [startRectification, uploadPhotos];

  const registerHazard = async (values: Values): Promise<{ hazard?: RegisteredHazard; error?: CombinedError }> => {
    // Not picked: the enterprise's own location (its premises).
    const point = pointOf(values) ?? (subject === 'enterprise' && enterprise ? { lng: enterprise.lng, lat: enterprise.lat } : null);
    const result = await report({
      input: {
        description: values.description!.trim(),
        level: values.level as HazardLevel,
        sector: values.sector as Sector,
        source: values.source as HazardSource,
        hazardType: text(values, 'hazardType'),
        enterpriseId: subject === 'enterprise' ? enterprise?.id ?? null : null,
        roadSegmentId: subject === 'roadSegment' ? roadSegment?.id ?? null : null,
        placeName: subject === 'place' ? text(values, 'placeName') : null,
        // validate() lets no form without a point through.
        location: point!,
      },
    });
    return { hazard: result.data?.reportHazard, error: result.error };
  };

  // Sent again after a later step failed, the form retries the steps on the hazard it has
  // registered: it never registers the same find twice.
  const send = async (): Promise<CombinedError | undefined> => {
    const { hazard, error } = registered ? { hazard: registered, error: undefined } : await registerHazard(form.values);
    if (!hazard) return error;
    setRegistered(hazard);
    for (const step of afterRegistration) {
      const stepError = await step(hazard, form.values);
      if (stepError) return stepError;
    }
    onRegistered(hazard.id);
    return undefined;
  };

  const label = (name: string) => t(`forms.hazard.${name}`);
  return (
    <form className="record-form" data-testid="hazard-form" onSubmit={form.submit(send)} noValidate>
      <h2>{t(selfInspection ? 'forms.hazard.selfTitle' : 'forms.hazard.title')}</h2>
      {!selfInspection && (
        <fieldset className="subject">
          <legend>{label('subject')}</legend>
          {SUBJECTS.map((s) => (
            <label key={s}>
              <input type="radio" name="subject" value={s} checked={subject === s} onChange={() => setSubject(s)} />
              {label(`subjects.${s}`)}
            </label>
          ))}
        </fieldset>
      )}
      {selfInspection && enterprise && <p className="chosen" data-testid="own-enterprise">{enterprise.name} · {enterprise.creditCode}</p>}
      {subject === 'enterprise' && !selfInspection && (
        <EnterpriseFinder form={form} label={label('enterprise')} chosen={enterprise} onChoose={(e) => {
          setEnterprise(e);
          if (e && !form.values.sector) form.setMany({ sector: e.sector });
        }} />
      )}
      {subject === 'roadSegment' && <RoadSegmentFinder form={form} label={label('roadSegment')} chosen={roadSegment} onChoose={setRoadSegment} />}
      {subject === 'place' && <Input form={form} name="placeName" label={label('placeName')} />}
      {!selfInspection && (
        <EnumSelect form={form} name="source" label={label('source')} labels="source"
          // A citizen's report comes through the public page, not this form.
          values={SOURCES.filter((s) => s !== 'PUBLIC_REPORT')} />
      )}
      <EnumSelect form={form} name="sector" label={label('sector')} values={SECTORS} labels="sectors" />
      <EnumSelect form={form} name="level" label={label('level')} values={HAZARD_LEVELS} labels="hazardLevel" />
      <Input form={form} name="hazardType" label={label('hazardType')} />
      <TextArea form={form} name="description" label={label('description')} />
      <LocationField form={form} label={subject === 'enterprise' ? label('locationOrEnterprise') : label('location')} />
      <label>
        {label('photos')}
        <input
          type="file" name="photos" accept="image/*" capture="environment" multiple data-testid="hazard-photos"
          onChange={(event) => { photos.current = [...(event.target.files ?? [])]; }}
        />
      </label>
      <fieldset>
        <legend>{t('detail.fiveInPlace')}</legend>
        <p className="hint">{label('fiveInPlaceHint')}</p>
        <Input form={form} name="responsiblePerson" label={t('detail.fields.responsiblePerson')} />
        <TextArea form={form} name="measures" label={t('detail.fields.measures')} />
        <Input form={form} name="fundsYuan" type="number" label={t('detail.fields.fundsYuan')} />
        <Input form={form} name="deadline" type="date" label={t('detail.fields.deadline')} />
        <Input form={form} name="contingencyPlan" label={t('detail.fields.contingencyPlan')} />
      </fieldset>
      {registered && form.error && <p className="hint" data-testid="registered-code">{t('forms.hazard.registeredAs', { code: registered.code })}</p>}
      <FormFooter form={form} label={label('submit')} />
    </form>
  );
}
