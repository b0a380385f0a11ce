"""The numeric limits of the recommendation, defined once for input, policy and engine."""

SCALE = 10_000  # scores are kept as integers in units of 1e-4 so sums are exact
HORIZON_WEEKS = (1, 520)  # ten years: the longest horizon a situation may name
HOURS_PER_WEEK = (0.05, 40.0)  # 3 minutes a week up to a full working week
MINUTES_PER_SESSION = (5, 480)
MAX_BATCH = 1_000  # situations in one batch request
