# Turns a text file into a C++ raw string literal (schema SQL, the review page), so it ships inside the binary.
file(READ ${IN} content)
string(FIND "${content}" ")quizscan_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter; it cannot be embedded")
endif()
file(WRITE ${OUT} "R\"quizscan_embed(${content})quizscan_embed\"")
