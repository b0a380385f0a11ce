"""Prompts for the common jobs; what the user types goes into the prompt and nowhere else
(never logged, never stored)."""

import mcp_types as types

from service.domain.errors import InvalidParameter

MAX_ARGUMENT_CHARS = 4000


class PromptSpec:
    def __init__(
        self,
        name: str,
        title: str,
        description: str,
        argument: types.PromptArgument,
        template: str,
    ) -> None:
        self.name = name
        self.prompt = types.Prompt(
            name=name, title=title, description=description, arguments=[argument]
        )
        self.argument = argument
        self.template = template

    def render(self, given: dict[str, str] | None) -> types.GetPromptResult:
        value = (given or {}).get(self.argument.name, "").strip()
        if not value:
            raise InvalidParameter(self.argument.name, f"`{self.argument.name}` is required.")
        if len(value) > MAX_ARGUMENT_CHARS:
            raise InvalidParameter(self.argument.name, f"At most {MAX_ARGUMENT_CHARS} characters.")
        text = self.template.format(value=value)
        return types.GetPromptResult(
            description=self.prompt.description,
            messages=[
                types.PromptMessage(role="user", content=types.TextContent(type="text", text=text))
            ],
        )


PROMPTS: dict[str, PromptSpec] = {
    spec.name: spec
    for spec in (
        PromptSpec(
            "choose_mentoring_or_coaching",
            "Help me choose between mentoring and coaching",
            "Help me choose between mentoring and coaching (or a variant, or a blend) for a "
            "person or a situation.",
            types.PromptArgument(
                name="situation",
                description="Who it is for and what they want: career stage, goals, how long, "
                "how much time they have, what the organisation offers.",
                required=True,
            ),
            "Help me choose between mentoring and coaching for this situation:\n\n{value}\n\n"
            "Use the `recommend` tool: turn the situation into its structured input (career "
            "stage, goals, horizon in weeks, hours per week, minutes per session, preferences "
            "and what the organisation offers) and ask me for anything it needs that I have "
            "not said instead of guessing; leave out what I did not say. Then tell me the top "
            "recommendation and why (its reasons), the cautions, the growth plan if there is "
            "one, and what would change the answer (the counterfactual). Use "
            "`compare_approaches` or `get_variant` when a term needs explaining, and give the "
            "`decision_id`.",
        ),
        PromptSpec(
            "explain_recommendation_to_manager",
            "Explain this recommendation to a manager",
            "Explain a recommendation (its decision id and inputs, or the answer itself) to a "
            "manager in plain words.",
            types.PromptArgument(
                name="recommendation",
                description="The recommendation to explain: the answer of `recommend`, or its "
                "`decision_id` with the situation and versions it named.",
                required=True,
            ),
            "Explain this recommendation to a manager who has not seen it:\n\n{value}\n\n"
            "If it is not the full answer, use the `replay` tool with the situation and "
            "versions to get it. In plain words and in a few short paragraphs: what is "
            "recommended and why (the reasons, with the factors that weighed most), what to "
            "watch out for (the cautions), what the plan looks like, and what would change the "
            "recommendation. Say what the recommendation must not be used for, from the "
            "`get_policy_card` tool (intended use and limits), and quote the `decision_id` so "
            "the answer can be checked later.",
        ),
    )
}
