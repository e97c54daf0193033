import { useTranslation } from 'react-i18next';
import type { MeQuery } from '../gql/graphql';
import { AccidentForm } from './accident-form';
import { EnterpriseForm } from './enterprise-form';
import { HazardForm } from './hazard-form';
import { InspectionForm } from './inspection-form';
import { RoadSegmentForm } from './road-segment-form';

type Me = MeQuery['me'];
export type CreatedKind = keyof Omit<Me['mayCreate'], '__typename'>;
const KINDS: readonly CreatedKind[] = ['hazard', 'inspection', 'enterprise', 'roadSegment', 'accident'];

/** A form open in the details column: a new record of a kind, or an existing one to change. */
export type OpenForm = { kind: CreatedKind; id?: string };

/** Where a saved record is shown next. */
export interface FormTargets {
  openHazard: (id: string) => void;
  openEnterprise: (id: string) => void;
  openRoadSegment: (id: string) => void;
}

/** The "new record" buttons: only the kinds the API says this viewer may create (Me.mayCreate). */
export function NewRecordMenu({ me, onOpen }: { me: Me; onOpen: (form: OpenForm) => void }) {
  const { t } = useTranslation();
  const kinds = KINDS.filter((k) => me.mayCreate[k]);
  if (kinds.length === 0) return null;
  return (
    <nav className="actions new-record" data-testid="new-record">
      {kinds.map((kind) => (
        <button type="button" key={kind} data-testid={`new-${kind}`} onClick={() => onOpen({ kind })}>
          {t(me.enterpriseId && kind === 'hazard' ? 'forms.new.selfInspection' : `forms.new.${kind}`)}
        </button>
      ))}
    </nav>
  );
}

/** The open form; each kind sends what its mutation takes and shows the saved record. */
export function FormPanel({ form, me, towns, targets }: {
  form: OpenForm; me: Me; towns: readonly { code: string; name: string }[]; targets: FormTargets;
}) {
  switch (form.kind) {
    case 'hazard': return <HazardForm ownEnterpriseId={me.enterpriseId ?? null} onRegistered={targets.openHazard} />;
    case 'inspection': return <InspectionForm towns={towns} department={me.department ?? null} onOpenHazard={targets.openHazard} />;
    case 'enterprise': return <EnterpriseForm id={form.id} onSaved={targets.openEnterprise} />;
    case 'roadSegment': return <RoadSegmentForm id={form.id} onSaved={targets.openRoadSegment} />;
    case 'accident': return <AccidentForm id={form.id} />;
  }
}
