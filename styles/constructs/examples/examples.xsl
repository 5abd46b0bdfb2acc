<?xml version="1.0" encoding="UTF-8"?>
<!-- Examples of markup (TEI egXML), shown as their source, not rendered as TEI. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- ============ examples of markup ============ -->
  <!-- egXML holds an example of TEI markup. Its elements are not rendered as TEI: each
       is a span.eg-NAME (keeping its id), and the example's block-level elements are
       set apart by a space on each side, so that the end of one block is never glued to
       the start of the next. div.egXML where blocks are allowed, span.egXML elsewhere. -->
  <xsl:template match="eg:egXML">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:element name="{substring('spandiv', 1 + 4 * ($flow = 'y'), 4 - ($flow = 'y'))}">
      <xsl:attribute name="class">egXML</xsl:attribute>
      <xsl:attribute name="data-tei">egXML</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:apply-templates mode="example"/>
    </xsl:element>
  </xsl:template>
  <xsl:variable name="example-blocks" select="' TEI teiHeader text front body back group div div1 div2 div3 div4 div5 div6 div7
      head p ab l lg list item label table row cell figure sp speaker stage castList castItem listBibl bibl biblStruct
      note quote cit opener closer dateline salute signed trailer byline argument epigraph postscript titlePage
      titlePart docTitle docImprint listPerson person listPlace place fileDesc titleStmt publicationStmt sourceDesc '"/>
  <xsl:template match="*" mode="example">
    <xsl:variable name="block" select="contains(translate($example-blocks, '&#10;', ' '), concat(' ', local-name(), ' '))"/>
    <xsl:if test="$block"><xsl:text> </xsl:text></xsl:if>
    <span class="eg-{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:apply-templates mode="example"/>
    </span>
    <xsl:if test="$block"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="example"/>

</xsl:stylesheet>
