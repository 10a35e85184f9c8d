"""Client experience (issue 17 item 2; docs/experience.md): one-time questionnaire links, answers kept apart from
identity, and aggregated results that never show a group of fewer than five answers."""
