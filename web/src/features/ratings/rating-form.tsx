import { useId, useState, type FormEvent } from 'react';
import { Button, ErrorNotice, Field } from '../../ui';
import { MAX_COMMENT_LENGTH, starsLabel, validateRating, type RatingErrors, type RatingValues } from './rating-values';

const STARS = [1, 2, 3, 4, 5] as const;

/** Stars and an optional comment for one person at one activity. */
export function RatingForm({
  userName,
  activityTitle,
  onSubmit,
}: {
  userName: string;
  activityTitle: string;
  /** Sends the checked rating; a rejection is shown under the form. */
  onSubmit: (values: RatingValues) => Promise<unknown>;
}) {
  const [values, setValues] = useState<RatingValues>({ stars: null, comment: '' });
  const [errors, setErrors] = useState<RatingErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const starsErrorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const found = validateRating(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form rating-form"
      aria-label={`Rate ${userName} for ${activityTitle}`}
      onSubmit={submit}
      noValidate
    >
      <fieldset
        className="rating-form__stars"
        aria-invalid={errors.stars ? true : undefined}
        aria-describedby={errors.stars ? starsErrorId : undefined}
      >
        <legend>How was meeting {userName}?</legend>
        {STARS.map((n) => (
          <label key={n} className="star-choice">
            <input
              type="radio"
              name="stars"
              value={n}
              checked={values.stars === n}
              onChange={() => setValues({ ...values, stars: n })}
            />
            <span aria-hidden="true">{'★'.repeat(n)}</span>
            <span className="visually-hidden">{starsLabel(n)}</span>
          </label>
        ))}
        {errors.stars && (
          <p className="field-error" id={starsErrorId}>
            {errors.stars}
          </p>
        )}
      </fieldset>
      <Field label="Comment (optional)" error={errors.comment} hint={`Up to ${MAX_COMMENT_LENGTH} characters`}>
        <textarea value={values.comment} rows={3} onChange={(e) => setValues({ ...values, comment: e.target.value })} />
      </Field>
      <ErrorNotice error={failure} />
      <Button type="submit" busy={busy}>
        Send rating
      </Button>
    </form>
  );
}
