# SPDX-License-Identifier: Apache-2.0
"""Scale benchmark harness for dbs-restored (python3 standard library only)."""
