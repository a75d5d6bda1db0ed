import { useState, type FormEvent } from 'react';
import { Button, ErrorNotice, Field } from '../../ui';
import {
  hasErrors,
  LIMITS,
  serverFieldErrors,
  validateActivityForm,
  type ActivityField,
  type ActivityFormErrors,
  type ActivityFormValues,
} from './form-values';
import { PinPosition } from './pin-position';

interface ActivityFormProps {
  initial: ActivityFormValues;
  submitLabel: 'Create activity' | 'Save changes';
  /** Places already taken, when editing: the capacity cannot go below them. */
  minParticipants?: number;
  /** Sends the checked form; a rejection is shown above the button. */
  onSubmit: (values: ActivityFormValues) => Promise<unknown>;
  now?: () => Date;
}

/** Create and edit: checks the server's rules as you go, then shows the server's own verdict. */
export function ActivityForm({
  initial,
  submitLabel,
  minParticipants,
  onSubmit,
  now = () => new Date(),
}: ActivityFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<ActivityFormErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const check = (next: ActivityFormValues) => validateActivityForm(next, { now: now(), minParticipants });

  const change = (field: ActivityField) => (event: { target: { value: string } }) => {
    const next = { ...values, [field]: event.target.value };
    setValues(next);
    // Errors appear after the first attempt, then follow each keystroke.
    if (submitted) setErrors(check(next));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setFailure(null);
    const found = check(values);
    setErrors(found);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (error) {
      setFailure(error);
      setErrors(serverFieldErrors(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form activity-form" onSubmit={submit} noValidate>
      <Field label="Title" error={errors.title}>
        <input value={values.title} onChange={change('title')} required />
      </Field>
      <Field label="Description" error={errors.description}>
        <textarea value={values.description} onChange={change('description')} rows={4} />
      </Field>
      <div className="activity-form__times">
        <Field label="Starts" error={errors.startsAt}>
          <input type="datetime-local" value={values.startsAt} onChange={change('startsAt')} required />
        </Field>
        <Field label="Ends" error={errors.endsAt}>
          <input type="datetime-local" value={values.endsAt} onChange={change('endsAt')} required />
        </Field>
      </div>
      <Field label="Location" hint="Where to meet, as you would say it" error={errors.location}>
        <input value={values.location} onChange={change('location')} />
      </Field>
      <PinPosition
        coordinates={values.coordinates}
        onChange={(coordinates) => setValues((current) => ({ ...current, coordinates }))}
      />
      <Field
        label="Max participants"
        hint={minParticipants ? `You included; ${minParticipants} taken so far` : 'You included'}
        error={errors.maxParticipants}
      >
        <input
          type="number"
          inputMode="numeric"
          min={Math.max(1, minParticipants ?? 1)}
          max={LIMITS.maxParticipants}
          step={1}
          value={values.maxParticipants}
          onChange={change('maxParticipants')}
          required
        />
      </Field>
      <Field label="Tags" hint="Separated by commas, e.g. climbing, outdoors" error={errors.tags}>
        <input value={values.tags} onChange={change('tags')} />
      </Field>
      {failure !== null && <ErrorNotice error={failure} />}
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}
