// <mc-recommender>: asks for a person's situation (or takes it from attributes), asks the
// service for a recommendation with a publishable key, and shows the primary recommendation,
// the top three with reasons and cautions, the growth plan and what would change it.
//
// It asks one question at a time through the adaptive intake (POST /v1/recommendations/intake:
// only what can still change the advice, stateless, so everything known is sent each time);
// "Show all questions" switches to the full form.
//
// Nothing is stored (no cookies, no storage), nothing is sent anywhere but the service the
// module came from, and no inline script or style attribute is used (strict CSP hosts).

import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { styles } from "./styles";
import { de } from "./messages/de";
import { en, type Messages, type Plural } from "./messages/en";
import { es } from "./messages/es";
import { fr } from "./messages/fr";

const CATALOGUES: Record<string, Messages> = { en, es, fr, de };
const CAREER_STAGES = ["early", "mid", "senior", "executive"] as const;
const GOALS = Object.keys(en.goalLabels);
const HORIZONS = Object.keys(en.horizons);
const SESSION_MINUTES = [15, 30, 45, 60, 90, 120];
const RELATIONSHIPS = Object.keys(en.relationships);
const STRUCTURES = Object.keys(en.structures);
const CONTEXTS = Object.keys(en.contexts);
// Where the module was served from is where the API is (the host page may say otherwise).
const SERVICE_ORIGIN = new URL(import.meta.url).origin;

interface Reason {
  text: string;
}
interface RankedVariant {
  variant: string;
  name: string;
  rank: number;
  score: number;
  reasons: Reason[];
  cautions: Reason[];
}
interface GrowthTrack {
  variant: string;
  name: string;
  duration_weeks: number;
  cadence_per_month: number;
  session_minutes: number;
}
interface Recommendation {
  decision_id: string;
  locale: string;
  primary: { variant: string; approach: string; headline: string };
  ranking: RankedVariant[];
  growth_plan: { summary: string; tracks: GrowthTrack[] } | null;
  counterfactual: { text: string } | null;
}
interface VariantContent {
  summary: string;
  strengths: string[];
  risks: string[];
}
interface Failure {
  message: string;
  hint?: string;
  details?: string[];
}
type Situation = Record<string, unknown>;

/** One question of the intake, as the service sends it (texts already in the locale). */
interface QuestionOption {
  value: string | boolean | null;
  label: string;
  not_sure: boolean;
}
interface Question {
  field: string; // dotted for a context flag: `context.coach_budget`
  kind: "one_of" | "several_of" | "number" | "yes_no";
  text: string;
  why: string;
  required: boolean;
  options: QuestionOption[];
  minimum: number | null;
  maximum: number | null;
  integer: boolean;
  hint: string | null;
  min_choices: number | null;
  max_choices: number | null;
}
type IntakeAnswer =
  | { done: false; question: Question; asked_so_far: number }
  | { done: true; recommendation: Recommendation };

function pick(value: string | null, allowed: readonly string[]): string | undefined {
  return value !== null && allowed.includes(value) ? value : undefined;
}

function integer(value: string | null, min: number, max: number): number | undefined {
  const n = value === null ? NaN : Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export class McRecommender extends LitElement {
  static styles = styles;

  static properties = {
    apiKey: { type: String, attribute: "api-key" },
    apiBase: { type: String, attribute: "api-base" },
    lang: { type: String },
    careerStage: { type: String, attribute: "career-stage" },
    goals: { type: String },
    horizonWeeks: { type: String, attribute: "horizon-weeks" },
    hoursPerWeek: { type: String, attribute: "hours-per-week" },
    minutesPerSession: { type: String, attribute: "minutes-per-session" },
    variantHref: { type: String, attribute: "variant-href" },
    frame: { type: Boolean },
    hostOrigins: { type: String, attribute: "host-origins" },
    view: { state: true },
    question: { state: true },
    result: { state: true },
    failure: { state: true },
    formError: { state: true },
    contents: { state: true },
  };

  declare apiKey: string;
  declare apiBase: string;
  declare careerStage: string | null;
  declare goals: string | null;
  declare horizonWeeks: string | null;
  declare hoursPerWeek: string | null;
  declare minutesPerSession: string | null;
  declare variantHref: string | null;
  declare frame: boolean;
  declare hostOrigins: string;
  declare view: "intake" | "form" | "loading" | "result" | "error";
  declare question: Question | null;
  declare result: Recommendation | null;
  declare failure: Failure | null;
  declare formError: string | null;
  declare contents: Record<string, VariantContent | "loading" | "failed">;

  private resizeObserver: ResizeObserver | null = null;
  /** What the intake knows so far (sent whole each time) and how many questions were shown. */
  private answers: Situation = {};
  private asked = 0;
  /** The full form was chosen ("Show all questions"), so "Change my answers" returns to it. */
  private fullForm = false;

  constructor() {
    super();
    this.apiKey = "";
    this.apiBase = SERVICE_ORIGIN;
    this.careerStage = null;
    this.goals = null;
    this.horizonWeeks = null;
    this.hoursPerWeek = null;
    this.minutesPerSession = null;
    this.variantHref = null;
    this.frame = false;
    this.hostOrigins = "";
    this.view = "intake";
    this.question = null;
    this.result = null;
    this.failure = null;
    this.formError = null;
    this.contents = {};
  }

  /** The locale: the element's `lang`, else the nearest `lang` above it, else the page's. */
  get locale(): string {
    const declared =
      this.getAttribute("lang") ||
      this.parentElement?.closest("[lang]")?.getAttribute("lang") ||
      document.documentElement.lang ||
      navigator.language ||
      "en";
    const primary = declared.toLowerCase().split("-")[0];
    return primary in CATALOGUES ? primary : "en";
  }

  private get t(): Messages {
    return CATALOGUES[this.locale];
  }

  private plural(forms: Plural, n: number): string {
    const rule = new Intl.PluralRules(this.locale).select(n);
    const text = rule === "one" ? forms.one : forms.other;
    return text.replace("#", new Intl.NumberFormat(this.locale).format(n));
  }

  private fill(text: string, values: Record<string, string>): string {
    return text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");
  }

  /** The situation the host passed as attributes, when it is complete enough to skip the form. */
  private knownSituation(): Situation | null {
    const given = this.givenSituation();
    const required = ["career_stage", "goals", "horizon_weeks", "hours_per_week"];
    return [...required, "minutes_per_session"].every((f) => f in given) ? given : null;
  }

  /** What the host passed as attributes, the valid ones only: where the intake starts from. */
  private givenSituation(): Situation {
    const situation: Situation = {};
    const stage = pick(this.careerStage, CAREER_STAGES);
    if (stage) situation.career_stage = stage;
    const goals = (this.goals ?? "").split(/[\s,]+/).filter((g) => GOALS.includes(g));
    if (goals.length) situation.goals = [...new Set(goals)];
    const horizon = integer(this.horizonWeeks, 1, 520);
    if (horizon) situation.horizon_weeks = horizon;
    const hours = Number(this.hoursPerWeek);
    if (this.hoursPerWeek && hours >= 0.05 && hours <= 40) situation.hours_per_week = hours;
    const minutes = integer(this.minutesPerSession, 5, 480);
    if (minutes) situation.minutes_per_session = minutes;
    // The optional signals, when the host knows them too (left out: not said).
    const urgent = this.getAttribute("urgent");
    if (urgent === "true" || urgent === "false") situation.urgent = urgent === "true";
    const relationship = pick(this.getAttribute("relationship-preference"), RELATIONSHIPS);
    if (relationship) situation.relationship_preference = relationship;
    const structure = pick(this.getAttribute("structure-preference"), STRUCTURES);
    if (structure) situation.structure_preference = structure;
    const context = (this.getAttribute("context") ?? "").split(/[\s,]+/);
    const available = context.filter((flag) => CONTEXTS.includes(flag));
    if (available.length) situation.context = Object.fromEntries(available.map((f) => [f, true]));
    return situation;
  }

  connectedCallback(): void {
    super.connectedCallback();
    if (this.frame && window.parent === window) {
      this.fail({ message: this.t.notFramed });
      return;
    }
    if (this.frame && "ResizeObserver" in window) {
      this.resizeObserver = new ResizeObserver(() =>
        this.tell({ type: "mc-resize", height: document.documentElement.scrollHeight }),
      );
      this.resizeObserver.observe(document.documentElement);
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  protected firstUpdated(_: PropertyValues): void {
    if (this.view === "error") return;
    if (!this.apiKey) {
      this.fail({ message: this.t.missingKey });
      return;
    }
    const known = this.knownSituation();
    if (known) void this.recommend(known);
    else void this.ask(this.givenSituation(), false);
  }

  /** In an iframe: tell the host page, addressed to the key's origins only. */
  private tell(message: Record<string, unknown>): void {
    if (!this.frame || window.parent === window) return;
    for (const origin of this.hostOrigins.split(/\s+/).filter(Boolean)) {
      window.parent.postMessage(message, origin); // dropped unless the parent is at `origin`
    }
  }

  private emit(name: string, detail: Record<string, unknown>): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    this.tell({ type: name, ...detail });
  }

  private fail(failure: Failure): void {
    this.failure = failure;
    this.view = "error";
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(new URL(path, this.apiBase), {
      ...init,
      headers: { Accept: "application/json", "X-API-Key": this.apiKey, ...init.headers },
      credentials: "omit",
      referrerPolicy: "no-referrer",
      cache: "no-store",
      mode: "cors",
    });
  }

  private async failureOf(response: Response): Promise<Failure> {
    const t = this.t;
    let problem: { code?: string; errors?: { message: string }[] } = {};
    try {
      problem = await response.json();
    } catch {
      // not a problem document: the status alone says enough
    }
    if (response.status === 403 && problem.code === "origin-not-allowed") {
      return { message: t.originNotAllowed, hint: t.originHint };
    }
    if (response.status === 401) return { message: t.unauthorized };
    if (response.status === 429) {
      const seconds = Number(response.headers.get("Retry-After")) || 60;
      return { message: this.plural(t.rateLimited, seconds) };
    }
    if (response.status === 422 && problem.errors) {
      return { message: t.invalid, details: problem.errors.map((e) => e.message) };
    }
    return { message: t.unavailable };
  }

  private async recommend(situation: Situation): Promise<void> {
    this.view = "loading";
    const query = `/v1/recommendations?locale=${this.locale}`;
    let response: Response;
    try {
      response = await this.request(query, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(situation),
      });
    } catch {
      // A refused CORS preflight looks like a network failure: most often the origin.
      this.fail({ message: this.t.originNotAllowed, hint: this.t.originHint });
      return;
    }
    if (!response.ok) {
      this.fail(await this.failureOf(response));
      return;
    }
    await this.show((await response.json()) as Recommendation);
  }

  /** The recommendation, however it was asked for: shown, focused, told to the host. */
  private async show(result: Recommendation): Promise<void> {
    this.result = result;
    this.contents = {};
    this.view = "result";
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("#mc-result-heading")?.focus();
    this.emit("mc-recommendation", {
      variant: result.primary.variant,
      approach: result.primary.approach,
      decision_id: result.decision_id,
    });
  }

  /** Ask the intake what to ask next for `answers` (everything known so far), or show the
   * recommendation when it is done. `focus`: move focus to the new question (not on load:
   * the host page keeps its focus until the person starts). */
  private async ask(answers: Situation, focus = true): Promise<void> {
    this.answers = answers;
    this.view = "loading";
    let response: Response;
    try {
      response = await this.request(`/v1/recommendations/intake?locale=${this.locale}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(answers),
      });
    } catch {
      this.fail({ message: this.t.originNotAllowed, hint: this.t.originHint });
      return;
    }
    if (!response.ok) {
      this.fail(await this.failureOf(response));
      return;
    }
    const answer = (await response.json()) as IntakeAnswer;
    if (answer.done) {
      await this.show(answer.recommendation);
      return;
    }
    this.question = answer.question;
    this.asked += 1;
    this.formError = null;
    this.view = "intake";
    await this.updateComplete;
    if (focus) this.renderRoot.querySelector<HTMLElement>("[data-first]")?.focus();
  }

  /** The answer to the question shown, as the field's value; undefined (and the error said,
   * focus on the field) when it is not a valid one. */
  private answerOf(question: Question, data: FormData): unknown {
    const t = this.t;
    const refuse = (message: string): undefined => {
      this.formError = message;
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>("[data-first]")?.focus(),
      );
      return undefined;
    };
    const chosen = data.getAll("answer").map(String);
    if (question.kind === "number") {
      const typed = (chosen[0] ?? "").trim();
      const n = Number(typed.replace(",", "."));
      const low = question.minimum ?? -Infinity;
      const high = question.maximum ?? Infinity;
      const whole = !question.integer || Number.isInteger(n);
      if (typed !== "" && n >= low && n <= high && whole) return n;
      return refuse(question.hint ? `${t.numberInvalid} ${question.hint}` : t.numberInvalid);
    }
    if (question.kind === "several_of") {
      const low = question.min_choices ?? 1;
      const high = question.max_choices ?? question.options.length;
      if (chosen.length < low || chosen.length > high) return refuse(t.chooseSeveral);
      return question.options.filter((_, i) => chosen.includes(String(i))).map((o) => o.value);
    }
    const option = question.options[Number(chosen[0])];
    return option === undefined || chosen.length !== 1 ? refuse(t.chooseOne) : option.value;
  }

  private onAnswer(event: SubmitEvent): void {
    event.preventDefault();
    const question = this.question;
    if (!question) return;
    const value = this.answerOf(question, new FormData(event.currentTarget as HTMLFormElement));
    if (value === undefined) return;
    this.formError = null;
    const answers: Situation = { ...this.answers };
    if (question.field.startsWith("context.")) {
      const flag = question.field.slice("context.".length);
      answers.context = { ...((answers.context as Record<string, unknown>) ?? {}), [flag]: value };
    } else {
      answers[question.field] = value;
    }
    void this.ask(answers);
  }

  private async showAllQuestions(): Promise<void> {
    this.fullForm = true;
    this.formError = null;
    this.view = "form";
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("#mc-form-heading")?.focus();
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const goals = data.getAll("goals").map(String);
    if (goals.length === 0) {
      this.formError = this.t.goalsRequired;
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLInputElement>("input[name=goals]")?.focus(),
      );
      return;
    }
    const hours = Number(String(data.get("hours") ?? "").replace(",", "."));
    if (!(hours >= 0.05 && hours <= 40)) {
      this.formError = this.t.hoursInvalid;
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLInputElement>("#mc-hours")?.focus(),
      );
      return;
    }
    this.formError = null;
    const context: Record<string, boolean> = {};
    for (const name of data.getAll("context")) context[String(name)] = true;
    void this.recommend({
      career_stage: data.get("career_stage"),
      goals,
      horizon_weeks: Number(data.get("horizon")),
      hours_per_week: hours,
      minutes_per_session: Number(data.get("minutes")),
      urgent: data.get("urgent") ? true : null,
      relationship_preference: data.get("relationship"),
      structure_preference: data.get("structure"),
      context,
    });
  }

  private async loadContent(event: Event, variant: string): Promise<void> {
    const details = event.currentTarget as HTMLDetailsElement;
    if (!details.open) return;
    this.emit("mc-select", { variant, decision_id: this.result?.decision_id ?? "" });
    if (this.contents[variant]) return;
    this.contents = { ...this.contents, [variant]: "loading" };
    try {
      const response = await this.request(
        `/v1/variants/${encodeURIComponent(variant)}?locale=${this.locale}`,
      );
      const content = response.ok ? ((await response.json()) as VariantContent) : "failed";
      this.contents = { ...this.contents, [variant]: content };
    } catch {
      this.contents = { ...this.contents, [variant]: "failed" };
    }
  }

  /** The host's page about a variant: http(s) only (no `javascript:` from a query string). */
  private linkTo(variant: string): string | undefined {
    if (!this.variantHref) return undefined;
    try {
      const url = new URL(this.variantHref.replace("{variant}", encodeURIComponent(variant)), location.href);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  private selectLink(variant: string): void {
    this.emit("mc-select", { variant, decision_id: this.result?.decision_id ?? "" });
  }

  private changeAnswers(): void {
    this.result = null;
    if (this.fullForm) {
      this.view = "form";
      return;
    }
    this.asked = 0;
    void this.ask(this.givenSituation());
  }

  protected updated(changed: PropertyValues): void {
    if (changed.has("view") && this.view === "error") {
      this.renderRoot.querySelector<HTMLElement>("[role=alert]")?.focus();
    }
  }

  render(): TemplateResult {
    const t = this.t;
    return html`<section part="container" lang=${this.locale} aria-busy=${this.view === "loading"}>
      ${this.view === "error" ? this.renderFailure() : nothing}
      ${this.view === "intake" && this.question ? this.renderQuestion(t, this.question) : nothing}
      ${this.view === "form" ? this.renderForm(t) : nothing}
      ${this.view === "loading" ? html`<p part="status" role="status">${t.loading}</p>` : nothing}
      ${this.view === "result" && this.result ? this.renderResult(t, this.result) : nothing}
    </section>`;
  }

  private renderFailure(): TemplateResult {
    const failure = this.failure ?? { message: this.t.unavailable };
    return html`<div part="error" role="alert" tabindex="-1">
      <p class="error-message">${failure.message}</p>
      ${failure.hint ? html`<p class="hint">${failure.hint}</p>` : nothing}
      ${failure.details
        ? html`<ul>
            ${failure.details.map((d) => html`<li>${d}</li>`)}
          </ul>`
        : nothing}
    </div>`;
  }

  /** One question of the intake: its text as the label (or legend), why it is asked now and
   * its hint as the description, options labelled as the service words them. */
  private renderQuestion(t: Messages, question: Question): TemplateResult {
    const described = question.hint ? "mc-why mc-question-hint" : "mc-why";
    const why = html`<p class="hint" id="mc-why">${question.why}</p>`;
    const hint = question.hint
      ? html`<p class="hint" id="mc-question-hint">${question.hint}</p>`
      : nothing;
    const multiple = question.kind === "several_of";
    const field =
      question.kind === "number"
        ? html`<div part="field" class="field">
            <label part="label" for="mc-answer">${question.text}</label>
            ${why}
            <input
              part="input"
              id="mc-answer"
              name="answer"
              data-first
              inputmode=${question.integer ? "numeric" : "decimal"}
              autocomplete="off"
              required
              aria-describedby=${described}
            />
            ${hint}
          </div>`
        : html`<fieldset part="field" class="field" aria-describedby=${described}>
            <legend part="label">${question.text}</legend>
            ${why} ${hint}
            ${question.options.map(
              (option, i) => html`<label class="choice"
                ><input
                  type=${multiple ? "checkbox" : "radio"}
                  name="answer"
                  value=${String(i)}
                  ?data-first=${i === 0}
                  ?required=${!multiple}
                />
                ${option.label}</label
              >`,
            )}
          </fieldset>`;
    return html`<form part="form intake" novalidate @submit=${this.onAnswer}
      data-field=${question.field}>
      <h2 part="title" class="title">${t.title}</h2>
      <p part="progress" class="progress">
        ${this.fill(t.questionNumber, { n: String(this.asked) })}
      </p>
      ${field}
      ${this.formError
        ? html`<p part="error" class="error-message" role="alert">${this.formError}</p>`
        : nothing}
      <div class="actions">
        <button part="button" type="submit">${t.next}</button>
        <button part="show-all" class="link" type="button" @click=${this.showAllQuestions}>
          ${t.showAll}
        </button>
      </div>
    </form>`;
  }

  private renderForm(t: Messages): TemplateResult {
    const option = (value: string, label: string, selected = false) =>
      html`<option value=${value} ?selected=${selected}>${label}</option>`;
    return html`<form part="form" novalidate @submit=${this.onSubmit}>
      <h2 part="title" class="title" id="mc-form-heading" tabindex="-1">${t.title}</h2>
      <p class="intro">${t.intro}</p>
      <div part="field" class="field">
        <label part="label" for="mc-stage">${t.careerStage}</label>
        <select part="input" id="mc-stage" name="career_stage" required>
          ${CAREER_STAGES.map((s) => option(s, t.careerStages[s], s === this.careerStage))}
        </select>
      </div>
      <fieldset part="field" class="field goals" aria-describedby="mc-goals-hint">
        <legend part="label">${t.goals}</legend>
        <p class="hint" id="mc-goals-hint">${t.goalsHint}</p>
        ${GOALS.map(
          (goal) => html`<label class="choice"
            ><input type="checkbox" name="goals" value=${goal} />
            ${t.goalLabels[goal as keyof Messages["goalLabels"]]}</label
          >`,
        )}
      </fieldset>
      <div part="field" class="field">
        <label part="label" for="mc-horizon">${t.horizon}</label>
        <select part="input" id="mc-horizon" name="horizon">
          ${HORIZONS.map((w) =>
            option(w, t.horizons[w as keyof Messages["horizons"]], w === "26"),
          )}
        </select>
      </div>
      <div part="field" class="field">
        <label part="label" for="mc-hours">${t.hoursPerWeek}</label>
        <input
          part="input"
          id="mc-hours"
          name="hours"
          inputmode="decimal"
          autocomplete="off"
          required
          value="2"
          aria-describedby="mc-hours-hint"
        />
        <p class="hint" id="mc-hours-hint">${t.hoursHint}</p>
      </div>
      <div part="field" class="field">
        <label part="label" for="mc-minutes">${t.minutesPerSession}</label>
        <select part="input" id="mc-minutes" name="minutes">
          ${SESSION_MINUTES.map((m) => option(String(m), this.plural(t.minutes, m), m === 60))}
        </select>
      </div>
      <details part="optional" class="optional">
        <summary>${t.optional}</summary>
        <label class="choice"><input type="checkbox" name="urgent" value="1" /> ${t.urgent}</label>
        <div part="field" class="field">
          <label part="label" for="mc-relationship">${t.relationship}</label>
          <select part="input" id="mc-relationship" name="relationship">
            ${RELATIONSHIPS.map((r) =>
              option(r, t.relationships[r as keyof Messages["relationships"]]),
            )}
          </select>
        </div>
        <div part="field" class="field">
          <label part="label" for="mc-structure">${t.structure}</label>
          <select part="input" id="mc-structure" name="structure">
            ${STRUCTURES.map((s) => option(s, t.structures[s as keyof Messages["structures"]]))}
          </select>
        </div>
        <fieldset part="field" class="field">
          <legend part="label">${t.context}</legend>
          ${CONTEXTS.map(
            (c) => html`<label class="choice"
              ><input type="checkbox" name="context" value=${c} />
              ${t.contexts[c as keyof Messages["contexts"]]}</label
            >`,
          )}
        </fieldset>
      </details>
      ${this.formError
        ? html`<p part="error" class="error-message" role="alert">${this.formError}</p>`
        : nothing}
      <button part="button" type="submit">${t.submit}</button>
    </form>`;
  }

  private renderVariant(t: Messages, ranked: RankedVariant): TemplateResult {
    const percent = new Intl.NumberFormat(this.locale, { style: "percent" }).format(ranked.score);
    const content = this.contents[ranked.variant];
    const href = this.linkTo(ranked.variant);
    return html`<li part="variant" class="variant">
      <h4 class="variant-name">${ranked.name}</h4>
      <p class="score">${this.fill(t.fit, { percent })}</p>
      ${ranked.reasons.length
        ? html`<p class="list-title">${t.reasons}</p>
            <ul part="reasons">
              ${ranked.reasons.map((r) => html`<li>${r.text}</li>`)}
            </ul>`
        : nothing}
      ${ranked.cautions.length
        ? html`<p class="list-title">${t.cautions}</p>
            <ul part="cautions">
              ${ranked.cautions.map((c) => html`<li>${c.text}</li>`)}
            </ul>`
        : nothing}
      ${href
        ? html`<a part="variant-link" href=${href} @click=${() => this.selectLink(ranked.variant)}
            >${this.fill(t.openContent, { name: ranked.name })}</a
          >`
        : html`<details part="variant-details" @toggle=${(e: Event) =>
            this.loadContent(e, ranked.variant)}>
            <summary>${this.fill(t.about, { name: ranked.name })}</summary>
            ${content === "loading"
              ? html`<p role="status">${t.loading}</p>`
              : content === "failed"
                ? html`<p>${t.unavailable}</p>`
                : content
                  ? html`<p>${content.summary}</p>
                      <ul>
                        ${content.strengths.map((s) => html`<li>${s}</li>`)}
                      </ul>`
                  : nothing}
          </details>`}
    </li>`;
  }

  private renderResult(t: Messages, result: Recommendation): TemplateResult {
    const plan = result.growth_plan;
    return html`<div part="results" class="results">
      <h2 part="title" class="title" id="mc-result-heading" tabindex="-1">${t.resultsTitle}</h2>
      <p part="headline" class="headline">${result.primary.headline}</p>
      <h3>${t.topThree}</h3>
      <ol class="ranking">
        ${result.ranking.slice(0, 3).map((ranked) => this.renderVariant(t, ranked))}
      </ol>
      ${plan
        ? html`<div part="growth-plan">
            <h3>${t.growthPlan}</h3>
            <p>${plan.summary}</p>
            <ul>
              ${plan.tracks.map(
                (track) =>
                  html`<li>
                    <strong>${track.name}</strong>: ${this.plural(t.weeks, track.duration_weeks)}
                    · ${this.plural(t.sessions, track.cadence_per_month)} ·
                    ${this.plural(t.minutes, track.session_minutes)}
                  </li>`,
              )}
            </ul>
          </div>`
        : nothing}
      ${result.counterfactual
        ? html`<div part="counterfactual">
            <h3>${t.counterfactual}</h3>
            <p>${result.counterfactual.text}</p>
          </div>`
        : nothing}
      <p class="reference">${this.fill(t.reference, { id: result.decision_id })}</p>
      ${this.knownSituation()
        ? nothing
        : html`<button part="button" type="button" @click=${this.changeAnswers}>
            ${t.changeAnswers}
          </button>`}
    </div>`;
  }
}

if (!customElements.get("mc-recommender")) {
  customElements.define("mc-recommender", McRecommender);
}

declare global {
  interface HTMLElementTagNameMap {
    "mc-recommender": McRecommender;
  }
}
