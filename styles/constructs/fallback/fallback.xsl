<?xml version="1.0" encoding="UTF-8"?>
<!-- Any element no other construct knows: its content is kept, in a span (or a div where blocks are allowed) marked with data-tei, and each such element name is reported once. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    xmlns:xi="http://www.w3.org/2001/XInclude"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl xi">

  <!-- The first element of each name in the text, found in one sorted pass (xsl:sort is
       stable, so equal names stay in document order). -->
  <xsl:variable name="elements-by-name-rtf">
    <!-- (markup inside an example, egXML, is shown as source, not rendered) -->
    <xsl:for-each select="($root-node//tei:text//* | $root-node//tei:standOff//*)[not(ancestor::eg:egXML)]">
      <xsl:sort select="local-name()"/>
      <e n="{local-name()}" g="{generate-id()}"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="first-of-each-name"
      select="exsl:node-set($elements-by-name-rtf)/e[not(@n = preceding-sibling::e[1]/@n)]"/>

  <!-- The categories of an analysis (interpGrp, interp: what @ana points at, the encoder's
       notes on the markup) are no text: a chronicle opened with three paragraphs of them.
       Their ids stay, the targets of the pointers. -->
  <xsl:template match="tei:interpGrp | tei:interp">
    <xsl:for-each select="descendant-or-self::*[@xml:id]"><span class="anchor" id="{@xml:id}"/></xsl:for-each>
  </xsl:template>

  <!-- Links, alignments, alternatives, timelines, certainty and feature structures are
       analysis of the text, not text: nothing is shown for them, and no warning is given
       (an element of these holding words of its own keeps them, as any other). -->
  <xsl:template match="tei:link | tei:linkGrp | tei:join | tei:joinGrp | tei:alt | tei:altGrp | tei:timeline | tei:when
      | tei:certainty | tei:precision | tei:respons | tei:fs | tei:fLib | tei:f | tei:fvLib | tei:vColl | tei:spanGrp">
    <xsl:if test="normalize-space(.) != ''">
      <span class="{local-name()}"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
    </xsl:if>
  </xsl:template>

  <!-- An inclusion of another file (XInclude) is not made: editio reads one file, and
       validation says so at each xi:include. What the encoder wrote for a reader who
       cannot include (xi:fallback) is the text there. -->
  <xsl:template match="xi:include"><xsl:apply-templates select="xi:fallback/node()"/></xsl:template>

  <!-- The outline of a zone (path) is geometry, not text. -->
  <xsl:template match="tei:path"/>

  <!-- An abstract another vocabulary wraps in the text (Digital Humanities Quarterly's
       dhq:abstract in front) is headed as TEI's abstract division is: it read as the
       article's first words. -->
  <xsl:template match="*[local-name() = 'abstract'][not(self::tei:*)][ancestor::tei:text][normalize-space(.) != '']">
    <section class="div div-abstract" data-type="abstract" data-tei="{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
      <xsl:call-template name="heading">
        <xsl:with-param name="level" select="number($level)"/>
        <xsl:with-param name="content" select="string($L[@k = 'div-abstract'])"/>
        <xsl:with-param name="class" select="'head editorial'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="*">
    <xsl:variable name="g" select="generate-id()"/>
    <xsl:if test="$first-of-each-name[@g = $g]">
      <xsl:choose>
        <xsl:when test="namespace-uri() = 'http://www.tei-c.org/ns/1.0'">
          <xsl:message>editio-warning[<xsl:call-template name="element-path"/>]: unknown TEI element &lt;<xsl:value-of select="local-name()"/>&gt;: its text is kept, rendered without special formatting</xsl:message>
        </xsl:when>
        <xsl:otherwise>
          <xsl:message>editio-warning[<xsl:call-template name="element-path"/>]: element &lt;<xsl:value-of select="name()"/>&gt; of another vocabulary (<xsl:value-of select="namespace-uri()"/>): its text is kept, rendered without special formatting</xsl:message>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:variable name="el">
      <xsl:choose>
        <!-- (one standing among words, a cookbook's ingredient inside its list item, is a
             phrase: as a block it broke "1 Ounce of / Compressed Yeast / .") -->
        <xsl:when test="$flow = 'y' and not(../text()[normalize-space(.) != ''])">div</xsl:when>
        <xsl:otherwise>span</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:attribute name="class">tei-unknown</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute></xsl:if>
      <xsl:attribute name="data-tei"><xsl:value-of select="local-name()"/></xsl:attribute>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
