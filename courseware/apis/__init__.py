"""REST endpoints for courseware: auth token, courses, modules, lessons, readings, sections.

Each class is one operation. Lists are ``ApiListView`` over a ``*_list_for_user`` selector
(so filtering never widens what the caller may see); details go through ``*_get_for_user``,
which answers 404 for anything the caller may not see.
"""
