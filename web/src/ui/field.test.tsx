import { render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { Field } from './field';

it('labels its control and describes it with the hint and the error', () => {
  render(
    <Field label="Password" hint="At least 8 characters" error="is too short">
      <input type="password" />
    </Field>,
  );
  const input = screen.getByLabelText('Password');
  expect(input).toHaveAccessibleDescription('At least 8 characters is too short');
  expect(input).toHaveAttribute('aria-invalid', 'true');
});
