import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useToday } from '../clock/use-today';
import type { SupervisionLevel } from '../gql/graphql';
import { SUPERVISION_LEVELS } from './enums';
import { badNumbers, EnumSelect, FormFooter, Input, missing, useForm, type Values } from './form-kit';
import { ListForSupervisionMutation } from './forms.operations';

const FIELDS = ['level', 'listingBody', 'rectifyingUnit', 'rectifyingHead', 'regulatingUnit', 'regulatingHead', 'supervisingOfficial', 'deadline', 'yearListed'] as const;

/**
 * 挂牌督办: every field of the listing. Offered when the hazard's viewerActions hold
 * LIST_FOR_SUPERVISION; the level the viewer may list at is the database's to check
 * (refused with the rule LISTING_LEVEL).
 */
export function ListingForm({ hazardId, onDone }: { hazardId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const [, list] = useMutation(ListForSupervisionMutation);
  const form = useForm({ yearListed: today?.slice(0, 4) ?? '' }, (values: Values) => ({
    ...missing(values, ...FIELDS),
    ...badNumbers(values, ['yearListed'], true),
    ...(values.deadline && today && values.deadline < today ? { deadline: 'notPast' } : {}),
  }));
  useEffect(() => {
    if (today && !form.values.yearListed) form.setMany({ yearListed: today.slice(0, 4) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [today]);

  const send = async () => {
    const v = form.values;
    const result = await list({
      hazardId,
      input: {
        level: v.level as SupervisionLevel, deadline: v.deadline!, yearListed: Number(v.yearListed),
        listingBody: v.listingBody!.trim(), rectifyingUnit: v.rectifyingUnit!.trim(), rectifyingHead: v.rectifyingHead!.trim(),
        regulatingUnit: v.regulatingUnit!.trim(), regulatingHead: v.regulatingHead!.trim(), supervisingOfficial: v.supervisingOfficial!.trim(),
      },
    });
    if (!result.error) onDone();
    return result.error;
  };

  return (
    <form className="action-form" data-testid="form-list" onSubmit={form.submit(send)} noValidate>
      <EnumSelect form={form} name="level" label={t('history.fields.level')} values={SUPERVISION_LEVELS} labels="supervisionLevel" />
      {FIELDS.filter((f) => f !== 'level').map((name) => (
        <Input key={name} form={form} name={name} label={t(`history.fields.${name}`)}
          type={name === 'deadline' ? 'date' : name === 'yearListed' ? 'number' : 'text'} />
      ))}
      <FormFooter form={form} label={t('actions.list')} />
    </form>
  );
}
