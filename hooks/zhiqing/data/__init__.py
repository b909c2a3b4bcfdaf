"""Loading and validating data/*.yml: the policy model, its dates."""
