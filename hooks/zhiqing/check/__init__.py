"""The compliance check: rules over the policy, findings.

Importing the package registers every rule, family by family, in the order findings of one
line are reported: META, COL, SHR, RGT, MIN, TXT, UPD, WX.
"""

from zhiqing.check import meta, collection, sharing, rights, minors, text, updates, wechat  # noqa: F401
