"""The compliance check: rules over the policy, findings."""
