"""HTML pages of courseware: the student dashboard, modules, lessons and readings, the
instructor's course builder and the admin's import, readings and lexicon pages.

Views are thin: they fetch with the permission-checked selectors, call services for every
write and render. Imported text is only ever rendered through template auto-escaping (never
``|safe``), so a reading containing markup shows as text and can run nothing.
"""
