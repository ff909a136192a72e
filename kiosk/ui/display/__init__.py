"""The big screen (`python main.py --display`): the live leaderboard, today's arrivals, now and next in
the programme and the current speed-networking round, for a projector or a second monitor.

app.py wires it; reader.py reads everything on the read worker; sources.py is where the programme and
the round planner plug in; screen.py, panels.py, round_panel.py and widgets.py draw it.
"""
