"""The audio clip store every app shares: synthesised clips named by a digest of (reading,
voice, engine version), asked for when a text is saved and made by queue workers.

`selectors` reads (ready URLs, counts), `services` writes, `tasks` is the queue's job. The
speech engine is the module named by settings.AUDIO_ENGINE (lessons.japanese.speech): this
package never imports an app above `learning`, so the hub and the lessons both use it.
"""
