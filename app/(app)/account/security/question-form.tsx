'use client';

import { useState } from 'react';
import { ActionForm, useFieldError, useFieldValue } from '@/components/action-form';
import { Field } from '@/components/field';
import { SubmitButton } from '@/components/submit-button';
import { setQuestionAction } from './question-actions';
import { ReauthPassword } from './reauth-password';

export function QuestionForm({ questions, confirmed }: { questions: readonly string[]; confirmed: boolean }) {
  return (
    <ActionForm
      action={setQuestionAction}
      success="Saved."
      className="max-w-md space-y-4"
      aria-label="Security question"
    >
      <QuestionChoice questions={questions} />
      <Field
        label="Answer"
        name="answer"
        autoComplete="off"
        hint="Case and extra spaces don’t matter. Pick an answer others can’t look up."
        required
      />
      <ReauthPassword confirmed={confirmed} id="question-password" />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save security question
      </SubmitButton>
    </ActionForm>
  );
}

/**
 * The list keeps the chosen question after an error (state here, so React's reset cannot move it;
 * without JavaScript from the answer's values); "Write my own" opens a field for it.
 */
function QuestionChoice({ questions }: { questions: readonly string[] }) {
  const returned = useFieldValue('preset');
  const error = useFieldError('preset');
  const [preset, setPreset] = useState(returned || questions[0]);
  return (
    <>
      <div className="space-y-1">
        <label htmlFor="preset" className="block text-sm font-medium text-slate-800">
          Question
        </label>
        <select
          id="preset"
          name="preset"
          value={preset}
          onChange={(e) => setPreset(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'preset-error' : undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900"
        >
          {questions.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
          <option value="custom">Write my own question…</option>
        </select>
        {error && (
          <p id="preset-error" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      {preset === 'custom' && <Field label="Your question" name="custom" required />}
    </>
  );
}
