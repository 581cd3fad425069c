# Turns a text file into a C++ raw string literal (for embedding SQL, HTML, JS).
file(READ ${IN} content)
file(WRITE ${OUT} "R\"quizscan_embed(${content})quizscan_embed\"")
