'use client';

import './zod-jitless';
import { ApiReferenceReact } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';
import './reference.css';
import { useEffect } from 'react';

/**
 * Scalar's API reference, bundled from node_modules and served by us (no CDN), reading the
 * document from /api/v1/openapi.json. Nothing leaves the page: no fonts, telemetry, agent or MCP.
 */
export default function Reference() {
  useEffect(nameCredentialInputs, []);
  return (
    <ApiReferenceReact
      configuration={{
        url: '/api/v1/openapi.json',
        withDefaultFonts: false,
        telemetry: false,
        showDeveloperTools: 'never',
        agent: { disabled: true },
        mcp: { disabled: true },
      }}
    />
  );
}

/**
 * Scalar's credential inputs (Username, Password, Token) are editable `combobox` elements whose
 * <label for> points at their wrapper, so they have no accessible name and no aria-expanded. Until
 * Scalar fixes that upstream, give each the name of its visible label, as it is rendered.
 */
function nameCredentialInputs() {
  const fix = () => {
    for (const input of document.querySelectorAll<HTMLElement>('[role="combobox"][contenteditable]')) {
      const wrapper = input.closest('[id]');
      const label = wrapper ? document.querySelector(`label[for="${CSS.escape(wrapper.id)}"]`) : null;
      if (label && !input.hasAttribute('aria-label')) input.setAttribute('aria-label', label.textContent ?? '');
      if (!input.hasAttribute('aria-expanded')) input.setAttribute('aria-expanded', 'false');
    }
  };
  fix();
  const observer = new MutationObserver(fix);
  observer.observe(document.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}
