import { css } from "lit";

// Every colour and size is a custom property the host may set (documented in
// docs/embedding.md); the defaults pass WCAG 2.2 AA contrast in light and in dark.
export const styles = css`
  :host {
    --_text: var(--mc-color-text, #1f2328);
    --_background: var(--mc-color-background, #ffffff);
    --_muted: var(--mc-color-muted, #4b5563);
    --_accent: var(--mc-color-accent, #1d4ed8);
    --_accent-text: var(--mc-color-accent-text, #ffffff);
    --_border: var(--mc-color-border, #8c959f);
    --_error: var(--mc-color-error, #b42318);
    --_surface: var(--mc-color-surface, #f6f8fa);
    display: block;
    font: inherit;
    font-family: var(--mc-font-family, inherit);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_background);
    border-radius: var(--mc-radius, 8px);
    padding: var(--mc-spacing, 1rem);
    max-width: var(--mc-max-width, 48rem);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme="light"])) {
      --_text: var(--mc-color-text, #e6edf3);
      --_background: var(--mc-color-background, #0d1117);
      --_muted: var(--mc-color-muted, #b1bac4);
      --_accent: var(--mc-color-accent, #4493f8);
      --_accent-text: var(--mc-color-accent-text, #0d1117);
      --_border: var(--mc-color-border, #8b949e);
      --_error: var(--mc-color-error, #ff7b72);
      --_surface: var(--mc-color-surface, #161b22);
    }
  }
  :host([theme="dark"]) {
    --_text: var(--mc-color-text, #e6edf3);
    --_background: var(--mc-color-background, #0d1117);
    --_muted: var(--mc-color-muted, #b1bac4);
    --_accent: var(--mc-color-accent, #4493f8);
    --_accent-text: var(--mc-color-accent-text, #0d1117);
    --_border: var(--mc-color-border, #8b949e);
    --_error: var(--mc-color-error, #ff7b72);
    --_surface: var(--mc-color-surface, #161b22);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .title {
    font-size: 1.375em;
    margin: 0 0 0.5em;
  }
  h3 {
    font-size: 1.125em;
    margin: 1.25em 0 0.5em;
  }
  h4 {
    font-size: 1em;
    margin: 0;
  }
  .intro,
  .hint,
  .score,
  .reference {
    color: var(--_muted);
  }
  .hint {
    margin: 0.25em 0;
    font-size: 0.875em;
  }
  .field {
    margin: 0 0 1em;
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--mc-radius, 8px);
    padding: 0.5em 0.75em 0.75em;
  }
  legend,
  label {
    font-weight: 600;
  }
  .choice {
    font-weight: normal;
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    padding: 0.125em 0;
  }
  .choice input {
    margin-top: 0.3em;
  }
  input,
  select,
  button {
    font: inherit;
    color: inherit;
  }
  select,
  input:not([type="checkbox"]):not([type="radio"]) {
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: calc(var(--mc-radius, 8px) / 2);
    padding: 0.375em 0.5em;
    min-height: 2.5em;
    max-width: 100%;
  }
  input[type="checkbox"] {
    accent-color: var(--_accent);
    width: 1.125em;
    height: 1.125em;
  }
  button {
    background: var(--_accent);
    color: var(--_accent-text);
    border: 0;
    border-radius: calc(var(--mc-radius, 8px) / 2);
    padding: 0.5em 1em;
    min-height: 2.75em;
    font-weight: 600;
    cursor: pointer;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1.5em;
  }
  button.link {
    background: none;
    color: var(--_accent);
    padding: 0.5em 0;
    font-weight: normal;
    text-decoration: underline;
  }
  .progress {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0 0 0.5em;
  }
  input[type="radio"] {
    accent-color: var(--_accent);
    width: 1.125em;
    height: 1.125em;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  details.optional {
    margin: 0 0 1em;
  }
  summary {
    cursor: pointer;
    color: var(--_accent);
    font-weight: 600;
    padding: 0.25em 0;
  }
  details.optional[open] > summary {
    margin-bottom: 0.75em;
  }
  .headline {
    font-size: 1.125em;
    font-weight: 600;
  }
  .ranking {
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.75em;
  }
  .variant {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--mc-radius, 8px);
    padding: 0.75em 1em;
  }
  .score {
    margin: 0.125em 0 0.5em;
  }
  .list-title {
    font-weight: 600;
    margin: 0.5em 0 0.25em;
  }
  ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  a {
    color: var(--_accent);
  }
  .error-message {
    color: var(--_error);
    font-weight: 600;
  }
  [role="alert"]:focus {
    outline: none;
  }
  .reference {
    font-size: 0.875em;
  }
`;
