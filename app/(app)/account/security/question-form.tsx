'use client';

import { useActionState, useState } from 'react';
import { Field } from '@/components/field';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { setQuestionAction } from './question-actions';

export function QuestionForm({ questions }: { questions: readonly string[] }) {
  const [state, action] = useActionState(setQuestionAction, null);
  const failed = state && !state.ok ? state : null;
  const [preset, setPreset] = useState(failed?.values?.preset ?? questions[0]);
  const errors = failed?.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-md space-y-4" noValidate aria-label="Security question">
      <FormMessage error={failed?.error} success={state?.ok ? 'Your security question is saved.' : null} />
      <div className="space-y-1">
        <label htmlFor="preset" className="block text-sm font-medium text-slate-800">
          Question
        </label>
        <select
          id="preset"
          name="preset"
          value={preset}
          onChange={(e) => setPreset(e.target.value)}
          className="block w-full rounded-md border border-slate-300 px-3 py-2"
        >
          {questions.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
          <option value="custom">Write my own question…</option>
        </select>
      </div>
      {preset === 'custom' && (
        <Field
          label="Your question"
          name="custom"
          defaultValue={failed?.values?.custom}
          error={errors.custom}
          required
        />
      )}
      <Field
        label="Answer"
        name="answer"
        autoComplete="off"
        error={errors.answer}
        hint="Case and extra spaces don’t matter. Pick an answer others can’t look up."
        required
      />
      <Field
        label="Password"
        name="password"
        id="question-password"
        type="password"
        autoComplete="current-password"
        error={errors.password}
        required
      />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save security question
      </SubmitButton>
    </form>
  );
}
