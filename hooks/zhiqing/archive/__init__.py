"""The version archive: releases, snapshots, integrity, status, redlines."""
