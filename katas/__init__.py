"""Katas: small exercises, one per interview question, checked by tests and by our rules.

Each kata is a folder of data files named `q<NN>-<slug>/` beside this module
(instructions, starter, solution, tests, metadata); the modules here find,
place, run and grade them. `tutor kata` and `tutor cards` are the commands.
"""
